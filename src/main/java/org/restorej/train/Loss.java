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
		final Operand<TFloat32> perValue = perValue(tf, tf.math.sub(output, target));
		return tf.math.mean(perValue, tf.constant(new int[] { 0, 1, 2, 3 }));
	}

	/** The mean over the target's finite values only: NaN marks values that are not scored. */
	Operand<TFloat32> buildPartial(final Ops tf, final Operand<TFloat32> output, final Operand<TFloat32> target) {
		final Operand<TFloat32> scored = tf.dtypes.cast(tf.math.isFinite(target), TFloat32.class);
		// mulNoNan gives 0 where scored is 0, even for a NaN target
		final Operand<TFloat32> d = tf.math.mul(tf.math.sub(output, tf.math.mulNoNan(target, scored)), scored);
		final Operand<org.tensorflow.types.TInt32> all = tf.constant(new int[] { 0, 1, 2, 3 });
		final Operand<TFloat32> perValue = tf.math.mul(perValue(tf, d), scored);
		final Operand<TFloat32> count = tf.reduceSum(scored, all);
		return tf.math.div(tf.reduceSum(perValue, all), tf.math.maximum(count, tf.constant(1f)));
	}

	private Operand<TFloat32> perValue(final Ops tf, final Operand<TFloat32> d) {
		return switch (this) {
			case L1 -> tf.math.abs(d);
			case CHARBONNIER -> tf.math.sqrt(tf.math.add(tf.math.square(d), tf.constant(CHARBONNIER_EPS *
				CHARBONNIER_EPS)));
			case L2 -> tf.math.square(d);
		};
	}
}
