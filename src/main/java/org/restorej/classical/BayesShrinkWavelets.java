package org.restorej.classical;

/**
 * Wavelet shrinkage with the BayesShrink threshold (Chang, Yu and Vetterli): an orthogonal Daubechies
 * transform with two vanishing moments over {@value #LEVELS} levels (periodic, on a mirrored canvas whose sides
 * are multiples of 2^levels), each detail sub-band soft-thresholded at {@code sigma^2 / sigma_x} where
 * {@code sigma_x^2} is the sub-band's variance less the noise variance (all of it removed where that is not
 * positive). Averaged over the four half-period shifts (cycle spinning), which removes most of the transform's
 * blocking.
 */
public final class BayesShrinkWavelets {

	static final int LEVELS = 4;
	private static final double[] LOW, HIGH;
	static {
		final double s3 = Math.sqrt(3), d = 4 * Math.sqrt(2);
		LOW = new double[] { (1 + s3) / d, (3 + s3) / d, (3 - s3) / d, (1 - s3) / d };
		HIGH = new double[] { LOW[3], -LOW[2], LOW[1], -LOW[0] };
	}

	private BayesShrinkWavelets() {}

	/** {@code image} with white Gaussian noise of {@code sigma}; {@code strength} scales every threshold. */
	public static float[] denoise(final float[] image, final int height, final int width, final double sigma,
		final double strength)
	{
		final int block = 1 << LEVELS, shift = block / 2;
		final int ph = (height + shift + block - 1) / block * block, pw = (width + shift + block - 1) / block * block;
		final double[] sum = new double[height * width];
		for (int sy = 0; sy < 2; sy++)
			for (int sx = 0; sx < 2; sx++) {
				final double[] canvas = new double[ph * pw];
				for (int y = 0; y < ph; y++)
					for (int x = 0; x < pw; x++)
						canvas[y * pw + x] = image[mirror(y - sy * shift, height) * width + mirror(x - sx * shift, width)];
				shrink(canvas, ph, pw, sigma, strength);
				for (int y = 0; y < height; y++)
					for (int x = 0; x < width; x++)
						sum[y * width + x] += canvas[(y + sy * shift) * pw + x + sx * shift];
			}
		final float[] out = new float[height * width];
		for (int i = 0; i < out.length; i++)
			out[i] = (float) (sum[i] / 4);
		return out;
	}

	private static void shrink(final double[] a, final int height, final int width, final double sigma,
		final double strength)
	{
		int h = height, w = width;
		for (int level = 0; level < LEVELS; level++, h /= 2, w /= 2)
			forward2d(a, width, h, w);
		h = height;
		w = width;
		for (int level = 0; level < LEVELS; level++, h /= 2, w /= 2) {
			threshold(a, width, 0, w / 2, h / 2, w, sigma, strength);
			threshold(a, width, h / 2, 0, h, w / 2, sigma, strength);
			threshold(a, width, h / 2, w / 2, h, w, sigma, strength);
		}
		h = height >> (LEVELS - 1);
		w = width >> (LEVELS - 1);
		for (int level = 0; level < LEVELS; level++, h *= 2, w *= 2)
			inverse2d(a, width, h, w);
	}

	private static void threshold(final double[] a, final int stride, final int y0, final int x0, final int y1,
		final int x1, final double sigma, final double strength)
	{
		double sq = 0;
		final int n = (y1 - y0) * (x1 - x0);
		for (int y = y0; y < y1; y++)
			for (int x = x0; x < x1; x++)
				sq += a[y * stride + x] * a[y * stride + x];
		final double signal = sq / n - sigma * sigma;
		final double t = strength == 0 ? 0 : signal > 0 ? strength * sigma * sigma / Math.sqrt(signal) : Double.MAX_VALUE;
		for (int y = y0; y < y1; y++)
			for (int x = x0; x < x1; x++) {
				final double v = a[y * stride + x];
				a[y * stride + x] = Math.signum(v) * Math.max(0, Math.abs(v) - t);
			}
	}

	/** One level on the top-left {@code h x w} block: rows, then columns. */
	private static void forward2d(final double[] a, final int stride, final int h, final int w) {
		lines(a, stride, h, w, true, BayesShrinkWavelets::analyse);
		lines(a, stride, h, w, false, BayesShrinkWavelets::analyse);
	}

	/** The inverse of {@link #forward2d}: columns, then rows. */
	private static void inverse2d(final double[] a, final int stride, final int h, final int w) {
		lines(a, stride, h, w, false, BayesShrinkWavelets::synthesise);
		lines(a, stride, h, w, true, BayesShrinkWavelets::synthesise);
	}

	private interface LineTransform {
		void apply(double[] in, double[] out, int n);
	}

	/** {@code t} on every row (or column) of the top-left {@code h x w} block, in place. */
	private static void lines(final double[] a, final int stride, final int h, final int w, final boolean rows,
		final LineTransform t)
	{
		final int count = rows ? h : w, n = rows ? w : h, step = rows ? 1 : stride;
		final double[] line = new double[n], out = new double[n];
		for (int k = 0; k < count; k++) {
			final int base = rows ? k * stride : k;
			for (int i = 0; i < n; i++)
				line[i] = a[base + i * step];
			t.apply(line, out, n);
			for (int i = 0; i < n; i++)
				a[base + i * step] = out[i];
		}
	}

	/** Periodic analysis: approximations in the first half, details in the second. */
	private static void analyse(final double[] in, final double[] out, final int n) {
		final int half = n / 2;
		for (int k = 0; k < half; k++) {
			double lo = 0, hi = 0;
			for (int t = 0; t < LOW.length; t++) {
				final double v = in[(2 * k + t) % n];
				lo += LOW[t] * v;
				hi += HIGH[t] * v;
			}
			out[k] = lo;
			out[half + k] = hi;
		}
	}

	/** The transpose of {@link #analyse}: the inverse of an orthogonal transform. */
	private static void synthesise(final double[] in, final double[] out, final int n) {
		final int half = n / 2;
		java.util.Arrays.fill(out, 0, n, 0);
		for (int k = 0; k < half; k++)
			for (int t = 0; t < LOW.length; t++)
				out[(2 * k + t) % n] += LOW[t] * in[k] + HIGH[t] * in[half + k];
	}

	private static int mirror(final int i, final int n) {
		if (n == 1) return 0;
		int j = i;
		while (j < 0 || j >= n)
			j = j < 0 ? -j - 1 : 2 * n - 1 - j;
		return j;
	}
}
