package org.restorej.data;

import java.util.SplittableRandom;

/**
 * How a low-light fluorescence image is formed from the sample: blur by the microscope's PSF, Poisson
 * shot noise of the photons detected, Gaussian read noise of the camera, then 16-bit quantisation. The
 * result is calibrated back to the sample's units (counts divided by {@code photons}), so that degraded and
 * clean images agree on average, as registered low/high-SNR pairs do after normalisation.
 *
 * @param photons expected photons per pixel at intensity 1 (the photon level: lower is noisier)
 * @param readNoise camera read noise, standard deviation in photo-electrons
 * @param psf blur applied before detection ({@link PointSpreadFunction#NONE} for denoising only)
 */
public record Degradation(double photons, double readNoise, PointSpreadFunction psf) {

	/** 16-bit data, scaled to [0, 1] by this. */
	public static final double SCALE_16BIT = 65535;

	public Degradation {
		if (!(photons > 0)) throw new IllegalArgumentException("photon level must be > 0: " + photons);
		if (!(readNoise >= 0)) throw new IllegalArgumentException("read noise must be >= 0: " + readNoise);
		if (psf == null) psf = PointSpreadFunction.NONE;
	}

	/** The noise-free image the camera would see: the sample blurred by the PSF. */
	public float[] blurred(final float[] sample, final int height, final int width) {
		return psf.blur(sample, height, width);
	}

	/** Shot and read noise on an already blurred image, quantised to 16 bits. */
	public float[] detect(final float[] blurred, final SplittableRandom random) {
		final float[] out = new float[blurred.length];
		for (int i = 0; i < out.length; i++) {
			final double counts = PoissonSampler.sample(photons * Math.max(0, blurred[i]), random) + readNoise *
				random.nextGaussian();
			out[i] = quantise16(counts / photons);
		}
		return out;
	}

	/** Blur, noise and quantisation of a clean sample image. */
	public float[] apply(final float[] sample, final int height, final int width, final SplittableRandom random) {
		return detect(blurred(sample, height, width), random);
	}

	/** The nearest 16-bit level of a [0, 1] intensity (clipped like a camera). */
	public static float quantise16(final double v) {
		return (float) (Math.round(Math.max(0, Math.min(1, v)) * SCALE_16BIT) / SCALE_16BIT);
	}

	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT, "%s photons at intensity 1, read noise %s e-, PSF %s",
			fmt(photons), fmt(readNoise), psf);
	}

	private static String fmt(final double v) {
		return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
	}
}
