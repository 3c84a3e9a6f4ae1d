package org.restorej.bench;

import java.util.Arrays;

import org.restorej.runtime.ExecutionOptions;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The machine's own float32 matrix-product rate through TensorFlow: the ceiling a network made mostly of
 * matrix products and convolutions can approach.
 */
public final class MatMulRate {

	private MatMulRate() {}

	/** GFLOP/s of an n x n by n x n product (2 n^3 FLOPs), median of {@code runs} after one warm-up. */
	public static double measure(final int n, final int runs, final ExecutionOptions execution) {
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final Operand<TFloat32> a = tf.random.randomUniform(tf.constant(new int[] { n, n }), TFloat32.class);
			final Operand<TFloat32> b = tf.random.randomUniform(tf.constant(new int[] { n, n }), TFloat32.class);
			// a and b are inputs fed from variables-free random ops; time only the product by feeding them
			try (Session s = new Session(g, execution.toConfigProto());
				TFloat32 ta = (TFloat32) s.runner().fetch(a).run().get(0);
				TFloat32 tb = (TFloat32) s.runner().fetch(b).run().get(0))
			{
				final Operand<TFloat32> pa = tf.placeholder(TFloat32.class), pb = tf.placeholder(TFloat32.class);
				final Operand<TFloat32> product = tf.linalg.matMul(pa, pb);
				// reduce to a scalar so that fetching the result costs nothing
				final Operand<TFloat32> sum = tf.reduceSum(product, tf.constant(new int[] { 0, 1 }));
				s.runner().feed(pa, ta).feed(pb, tb).fetch(sum).run().close();
				final double[] seconds = new double[runs];
				for (int r = 0; r < runs; r++) {
					final long t0 = System.nanoTime();
					s.runner().feed(pa, ta).feed(pb, tb).fetch(sum).run().close();
					seconds[r] = (System.nanoTime() - t0) / 1e9;
				}
				Arrays.sort(seconds);
				return 2.0 * n * n * n / seconds[runs / 2] / 1e9;
			}
		}
	}
}
