package org.restorej.data;

/** Plain 2D filtering of single-channel images, borders mirrored. */
public final class Convolution {

	private Convolution() {}

	/**
	 * Correlation with an odd-sized kernel (convolution for the symmetric kernels used here), mirroring at the
	 * edge pixels ({@code d c b | a b c d | c b a}).
	 */
	public static float[] mirrored(final float[] image, final int height, final int width, final float[][] k) {
		final int ry = k.length / 2, rx = k[0].length / 2;
		final float[] out = new float[image.length];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				double s = 0;
				for (int j = -ry; j <= ry; j++) {
					final int row = mirror(y + j, height) * width;
					final float[] kr = k[j + ry];
					for (int i = -rx; i <= rx; i++)
						s += kr[i + rx] * image[row + mirror(x + i, width)];
				}
				out[y * width + x] = (float) s;
			}
		return out;
	}

	/**
	 * Gaussian smoothing of standard deviation {@code sigma} as two 1D passes, kernel cut at {@code 4 sigma},
	 * mirrored borders: the baseline denoiser the networks are compared with.
	 */
	public static float[] gaussian(final float[] image, final int height, final int width, final double sigma) {
		if (sigma <= 0) return image.clone();
		final int r = Math.max(1, (int) Math.ceil(4 * sigma));
		final double[] k = new double[2 * r + 1];
		double total = 0;
		for (int i = -r; i <= r; i++)
			total += k[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
		for (int i = 0; i < k.length; i++)
			k[i] /= total;
		final float[] rows = new float[image.length];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				double s = 0;
				for (int i = -r; i <= r; i++)
					s += k[i + r] * image[y * width + mirror(x + i, width)];
				rows[y * width + x] = (float) s;
			}
		final float[] out = new float[image.length];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				double s = 0;
				for (int j = -r; j <= r; j++)
					s += k[j + r] * rows[mirror(y + j, height) * width + x];
				out[y * width + x] = (float) s;
			}
		return out;
	}

	/** Index mirrored about the edge pixels, for any offset (period 2n − 2). */
	static int mirror(final int i, final int n) {
		if (n == 1) return 0;
		final int period = 2 * n - 2;
		final int m = Math.floorMod(i, period);
		return m < n ? m : period - m;
	}
}
