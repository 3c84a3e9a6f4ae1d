package org.restorej.train;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The training losses of the papers, as mean over every pixel and channel of the batch. */
public enum Loss {

	/** Restormer: mean absolute error. */
	L1,
	/**
	 * AST: Charbonnier {@code sqrt((x - y)^2 + eps^2)} with the official {@code eps = 1e-3}, a smooth L1 that
	 * has a gradient at zero.
	 */
	CHARBONNIER,
	/** Mean squared error: the estimator of the mean, which self-supervised schemes with noisy targets need. */
	L2;

	static final float CHARBONNIER_EPS = 1e-3f;

	/** The loss each architecture's paper trains with. */
	public static Loss of(final String architecture) {
		return architecture.equals("ast") ? CHARBONNIER : L1;
	}

	Operand<TFloat32> build(final Ops tf, final Operand<TFloat32> output, final Operand<TFloat32> target) {
		final Operand<TFloat32> d = tf.math.sub(output, target);
		final Operand<TFloat32> perValue = switch (this) {
			case L1 -> tf.math.abs(d);
			case CHARBONNIER -> tf.math.sqrt(tf.math.add(tf.math.square(d), tf.constant(CHARBONNIER_EPS *
				CHARBONNIER_EPS)));
			case L2 -> tf.math.square(d);
		};
		return tf.math.mean(perValue, tf.constant(new int[] { 0, 1, 2, 3 }));
	}
}
