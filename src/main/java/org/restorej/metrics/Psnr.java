package org.restorej.metrics;

/**
 * Peak signal-to-noise ratio, {@code 10 log10(range^2 / MSE)} with the mean over every value (all pixels and
 * channels) in double precision: scikit-image's {@code peak_signal_noise_ratio(reference, test,
 * data_range=range)}. The data range must be stated: it is the span the intensities can take (1 for data
 * scaled to [0, 1], 255 for 8-bit, 65535 for raw 16-bit), not the span they happen to take.
 */
public final class Psnr {

	private Psnr() {}

	public static double of(final float[] reference, final float[] test, final double dataRange) {
		return fromMse(meanSquaredError(reference, test), dataRange);
	}

	public static double meanSquaredError(final float[] reference, final float[] test) {
		if (reference.length != test.length) throw new IllegalArgumentException("images differ in size: " +
			reference.length + " vs " + test.length + " values");
		if (reference.length == 0) throw new IllegalArgumentException("empty images");
		double s = 0;
		for (int i = 0; i < reference.length; i++) {
			final double d = (double) reference[i] - test[i];
			s += d * d;
		}
		return s / reference.length;
	}

	/** Infinite for identical images, as scikit-image. */
	public static double fromMse(final double mse, final double dataRange) {
		if (!(dataRange > 0)) throw new IllegalArgumentException("data range must be > 0: " + dataRange);
		return 10 * Math.log10(dataRange * dataRange / mse);
	}
}
