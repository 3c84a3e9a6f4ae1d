package org.restorej.classical;

/**
 * Total-variation denoising (the Rudin-Osher-Fatemi model) by Chambolle's dual projection: the image {@code u}
 * minimising {@code |u - f|^2 / (2 weight) + TV(u)}, with isotropic discrete gradients (forward differences,
 * zero at the far border) and the dual step 1/4 (Chambolle proves convergence for 1/8; 1/4 is the step used in
 * practice, and converges here).
 */
public final class TotalVariation {

	private static final double STEP = 0.25;

	private TotalVariation() {}

	/** {@code f} row-major {@code height x width}; a larger {@code weight} smooths more. */
	public static float[] denoise(final float[] f, final int height, final int width, final double weight,
		final int iterations)
	{
		final int n = height * width;
		final double[] px = new double[n], py = new double[n], div = new double[n];
		final float[] u = new float[n];
		for (int it = 0; it < iterations; it++) {
			divergence(px, py, div, height, width);
			for (int y = 0; y < height; y++)
				for (int x = 0; x < width; x++) {
					final int i = y * width + x;
					// gradient of div p - f / weight, then the pointwise projection onto the unit ball
					final double c = div[i] - f[i] / weight;
					final double gx = x + 1 < width ? div[i + 1] - f[i + 1] / weight - c : 0;
					final double gy = y + 1 < height ? div[i + width] - f[i + width] / weight - c : 0;
					final double norm = 1 + STEP * Math.sqrt(gx * gx + gy * gy);
					px[i] = (px[i] + STEP * gx) / norm;
					py[i] = (py[i] + STEP * gy) / norm;
				}
		}
		divergence(px, py, div, height, width);
		for (int i = 0; i < n; i++)
			u[i] = (float) (f[i] - weight * div[i]);
		return u;
	}

	/** The discrete divergence, the negative adjoint of the forward-difference gradient. */
	private static void divergence(final double[] px, final double[] py, final double[] div, final int height,
		final int width)
	{
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				final int i = y * width + x;
				double d = (x + 1 < width ? px[i] : 0) - (x > 0 ? px[i - 1] : 0);
				d += (y + 1 < height ? py[i] : 0) - (y > 0 ? py[i - width] : 0);
				div[i] = d;
			}
	}
}
