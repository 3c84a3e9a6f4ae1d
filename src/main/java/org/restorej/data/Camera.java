package org.restorej.data;

import java.util.SplittableRandom;

/**
 * A camera acquiring a scene (relative intensities, 1 = the brightest pixel): Poisson shot noise of
 * {@code photons} photo-electrons at intensity 1, Gaussian read noise, then {@code gain} ADU per electron on
 * top of a constant {@code offset}, rounded and clipped to the {@code bits}-bit range, as real 8- and
 * 16-bit microscope and astronomy cameras deliver their images.
 *
 * @param photons expected photo-electrons at scene intensity 1 (the brightest pixel)
 * @param readNoise standard deviation of the read noise in electrons
 * @param offset camera offset (bias) in ADU
 * @param gain ADU per electron
 * @param bits 8 or 16
 */
public record Camera(double photons, double readNoise, double offset, double gain, int bits) {

	/**
	 * Photons at the brightest pixel of {@link #draw} cameras: from {@code MIN_PHOTONS} to {@code MAX_PHOTONS},
	 * and a {@code BRIGHT_SHARE} of the cameras from {@code BRIGHT_MIN_PHOTONS} to {@code MAX_PHOTONS} alone.
	 */
	public static final double MIN_PHOTONS = 0.7, MAX_PHOTONS = 1500, BRIGHT_MIN_PHOTONS = 300, BRIGHT_SHARE = 0.5;

	public Camera {
		if (!(photons > 0)) throw new IllegalArgumentException("photons must be > 0: " + photons);
		if (!(readNoise >= 0)) throw new IllegalArgumentException("read noise must be >= 0: " + readNoise);
		if (!(gain > 0)) throw new IllegalArgumentException("gain must be > 0: " + gain);
		if (bits != 8 && bits != 16) throw new IllegalArgumentException("8 or 16 bits, not " + bits);
	}

	/** The largest value the camera writes. */
	public double maxValue() {
		return (1 << bits) - 1;
	}

	/** The noise-free image in ADU: the mean the camera would record, clipped like the camera. */
	public float[] expected(final float[] scene) {
		final float[] out = new float[scene.length];
		for (int i = 0; i < out.length; i++)
			out[i] = (float) Math.min(maxValue(), Math.max(0, offset + gain * photons * Math.max(0, scene[i])));
		return out;
	}

	/** One noisy acquisition in ADU (integers stored as floats). */
	public float[] acquire(final float[] scene, final SplittableRandom random) {
		final float[] out = new float[scene.length];
		for (int i = 0; i < out.length; i++) {
			final double electrons = PoissonSampler.sample(photons * Math.max(0, scene[i]), random) + readNoise * random
				.nextGaussian();
			out[i] = (float) Math.min(maxValue(), Math.max(0, Math.rint(offset + gain * electrons)));
		}
		return out;
	}

	/**
	 * A camera of the training distribution: 0.7 to 1500 photons at the brightest pixel (log-uniform), and half
	 * of the cameras again from 300 to 1500 photons (log-uniform), read noise 0 to 10 e-, and one in five 8-bit;
	 * 16-bit cameras have an offset of 0 to 500 ADU and a gain of 0.5 to 100 ADU per electron (log-uniform) that
	 * keeps the brightest pixel within the range, so images use from under 1 % to all of it; 8-bit ones put
	 * the brightest pixel at 20 % to 100 % of 255 above a small offset.
	 */
	public static Camera draw(final SplittableRandom r) {
		// Bright cameras drawn again: on the plain log-uniform range the networks gained least over a tuned
		// Gaussian (AST stayed below it) at 1000 photons, where little noise is left and fine detail must survive.
		final double photons = logUniform(r, r.nextDouble() < BRIGHT_SHARE ? BRIGHT_MIN_PHOTONS : MIN_PHOTONS,
			MAX_PHOTONS);
		final double readNoise = r.nextDouble() < 0.3 ? r.nextDouble(0, 1.5) : r.nextDouble(0, 10);
		if (r.nextDouble() < 0.2) {
			final double offset = r.nextDouble(0, 20);
			return new Camera(photons, readNoise, offset, r.nextDouble(0.2, 1) * (255 - offset) / photons, 8);
		}
		final double offset = r.nextDouble(0, 500);
		final double gain = Math.exp(r.nextDouble(Math.log(0.5), Math.log(100)));
		return new Camera(photons, readNoise, offset, Math.min(gain, (62000 - offset) / photons), 16);
	}

	/** The photons of {@link #draw} cameras as training records describe them. */
	public static String drawnPhotons() {
		return plain(MIN_PHOTONS) + "-" + plain(MAX_PHOTONS) + " photons at the brightest pixel, " +
			plain(100 * BRIGHT_SHARE) + " % of them again " + plain(BRIGHT_MIN_PHOTONS) + "-" + plain(MAX_PHOTONS);
	}

	private static String plain(final double v) {
		return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
	}

	private static double logUniform(final SplittableRandom r, final double min, final double max) {
		return Math.exp(r.nextDouble(Math.log(min), Math.log(max)));
	}

	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT, "%d-bit, %.3g photons at the brightest pixel, read noise %.2f e-, " +
			"offset %.1f ADU, gain %.3g ADU/e-", bits, photons, readNoise, offset, gain);
	}
}
