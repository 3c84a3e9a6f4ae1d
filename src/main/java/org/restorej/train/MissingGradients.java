package org.restorej.train;

import java.util.List;

import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/**
 * Gradients of ops the network graphs use but TensorFlow's C++ gradient registry (which {@code
 * tf.gradients} consults in graph mode) lacks, registered once per JVM as Java custom gradients.
 */
final class MissingGradients {

	private static boolean registered;

	private MissingGradients() {}

	static synchronized void register() {
		if (registered) return;
		// registerCustomGradient returns false if TensorFlow already has one: then that one is used
		TensorFlow.registerCustomGradient("EuclideanNorm", MissingGradients::euclideanNorm);
		registered = true;
	}

	/**
	 * {@code y = sqrt(sum x^2)} over some axes (Restormer's L2 normalisation of q and k): {@code dx = dy x / y},
	 * 0 where y is 0. The norm is recomputed with kept dimensions so that it broadcasts whether or not the op
	 * kept them.
	 */
	@SuppressWarnings("unchecked")
	private static List<Operand<?>> euclideanNorm(final Ops tf, final GraphOperation op,
		final List<Output<?>> grads)
	{
		final Operand<TFloat32> x = (Operand<TFloat32>) op.input(0);
		final Operand<?> axes = op.input(1);
		final Operand<TFloat32> y = tf.math.sqrt(tf.reduceSum(tf.math.square(x), (Operand) axes, ReduceSum.keepDims(
			true)));
		final Operand<TFloat32> dy = tf.reshape((Operand<TFloat32>) grads.get(0), tf.shape(y));
		return List.of(tf.math.divNoNan(tf.math.mul(x, dy), y), tf.zerosLike(axes));
	}
}
