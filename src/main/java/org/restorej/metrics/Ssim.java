package org.restorej.metrics;

/**
 * Structural similarity (Wang et al., 2004), computed as scikit-image's {@code structural_similarity}: local
 * means, variances and covariance in a sliding window (borders mirrored, {@code scipy.ndimage} "reflect"),
 * the SSIM map cropped by half a window on each side and averaged; for several channels, the mean of the
 * per-channel values. The data range must be stated, as for {@link Psnr}.
 */
public final class Ssim {

	/**
	 * @param window side of the uniform window (ignored when {@code gaussian})
	 * @param gaussian Gaussian weights of standard deviation {@code sigma}, truncated at 3.5 sigma
	 * @param sampleCovariance divide by N − 1 instead of N (scikit-image's default for the uniform window)
	 */
	public record Options(int window, boolean gaussian, double sigma, double k1, double k2,
		boolean sampleCovariance)
	{
		public Options {
			if (!gaussian && (window < 3 || window % 2 == 0)) throw new IllegalArgumentException(
				"SSIM window must be odd and >= 3: " + window);
		}

		/** Side of the region cropped from the map's borders: the Gaussian window is {@code 2 round(3.5 sigma) + 1}. */
		int effectiveWindow() {
			return gaussian ? 2 * (int) (3.5 * sigma + 0.5) + 1 : window;
		}
	}

	/**
	 * The setting of the papers (and of the original MATLAB code): 11x11 Gaussian window, sigma 1.5,
	 * population covariance. scikit-image: {@code gaussian_weights=True, sigma=1.5, use_sample_covariance=False}.
	 */
	public static final Options PAPERS = new Options(11, true, 1.5, 0.01, 0.03, false);

	/** scikit-image's defaults: 7x7 uniform window, sample covariance. */
	public static final Options SKIMAGE_DEFAULT = new Options(7, false, 0, 0.01, 0.03, true);

	private Ssim() {}

	/** The settings by name, as the command line and the Compare Images command take them: papers or skimage. */
	public static Options options(final String name) {
		return switch (name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT)) {
			case "", "papers" -> PAPERS;
			case "skimage" -> SKIMAGE_DEFAULT;
			default -> throw new org.restorej.RestoreJException("SSIM settings '" + name + "': use papers (11x11 " +
				"Gaussian window) or skimage (7x7 uniform window).");
		};
	}

	/** SSIM with {@link #PAPERS} settings of images stored channel-last ({@code (y * width + x) * channels + c}). */
	public static double of(final float[] reference, final float[] test, final int height, final int width,
		final int channels, final double dataRange)
	{
		return of(reference, test, height, width, channels, dataRange, PAPERS);
	}

	public static double of(final float[] reference, final float[] test, final int height, final int width,
		final int channels, final double dataRange, final Options o)
	{
		if (reference.length != test.length || reference.length != height * width * channels)
			throw new IllegalArgumentException("images must both hold " + height + "x" + width + "x" + channels +
				" values");
		if (!(dataRange > 0)) throw new IllegalArgumentException("data range must be > 0: " + dataRange);
		final int pad = (o.effectiveWindow() - 1) / 2;
		if (height <= 2 * pad || width <= 2 * pad) throw new IllegalArgumentException("SSIM needs images larger " +
			"than its " + o.effectiveWindow() + "-pixel window: " + height + "x" + width);
		double total = 0;
		for (int c = 0; c < channels; c++)
			total += channel(plane(reference, c, channels), plane(test, c, channels), height, width, dataRange, o);
		return total / channels;
	}

	private static double[] plane(final float[] img, final int c, final int channels) {
		final double[] p = new double[img.length / channels];
		for (int i = 0; i < p.length; i++)
			p[i] = img[i * channels + c];
		return p;
	}

	private static double channel(final double[] x, final double[] y, final int h, final int w, final double range,
		final Options o)
	{
		final double[] k = o.gaussian() ? gaussianWeights(o.sigma()) : uniformWeights(o.window());
		final int n = x.length;
		final double[] xx = new double[n], yy = new double[n], xy = new double[n];
		for (int i = 0; i < n; i++) {
			xx[i] = x[i] * x[i];
			yy[i] = y[i] * y[i];
			xy[i] = x[i] * y[i];
		}
		final double[] ux = filter(x, h, w, k), uy = filter(y, h, w, k);
		final double[] uxx = filter(xx, h, w, k), uyy = filter(yy, h, w, k), uxy = filter(xy, h, w, k);
		final int win = o.effectiveWindow();
		final double points = (double) win * win;
		final double covNorm = o.sampleCovariance() ? points / (points - 1) : 1;
		final double c1 = Math.pow(o.k1() * range, 2), c2 = Math.pow(o.k2() * range, 2);
		final int pad = (win - 1) / 2;
		double sum = 0;
		for (int r = pad; r < h - pad; r++)
			for (int col = pad; col < w - pad; col++) {
				final int i = r * w + col;
				final double vx = covNorm * (uxx[i] - ux[i] * ux[i]);
				final double vy = covNorm * (uyy[i] - uy[i] * uy[i]);
				final double vxy = covNorm * (uxy[i] - ux[i] * uy[i]);
				final double a1 = 2 * ux[i] * uy[i] + c1, a2 = 2 * vxy + c2;
				final double b1 = ux[i] * ux[i] + uy[i] * uy[i] + c1, b2 = vx + vy + c2;
				sum += a1 * a2 / (b1 * b2);
			}
		return sum / ((double) (h - 2 * pad) * (w - 2 * pad));
	}

	private static double[] uniformWeights(final int size) {
		final double[] k = new double[size];
		java.util.Arrays.fill(k, 1.0 / size);
		return k;
	}

	/** scipy.ndimage.gaussian_filter's kernel: radius {@code int(3.5 sigma + 0.5)}, normalised. */
	private static double[] gaussianWeights(final double sigma) {
		final int r = (int) (3.5 * sigma + 0.5);
		final double[] k = new double[2 * r + 1];
		double total = 0;
		for (int i = -r; i <= r; i++)
			total += k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
		for (int i = 0; i < k.length; i++)
			k[i] /= total;
		return k;
	}

	/** Separable filtering, rows then columns, borders mirrored including the edge pixel (d c b a | a b c d). */
	private static double[] filter(final double[] img, final int h, final int w, final double[] k) {
		final int r = k.length / 2;
		final double[] rows = new double[img.length];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double s = 0;
				for (int i = -r; i <= r; i++)
					s += k[i + r] * img[y * w + symmetric(x + i, w)];
				rows[y * w + x] = s;
			}
		final double[] out = new double[img.length];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double s = 0;
				for (int j = -r; j <= r; j++)
					s += k[j + r] * rows[symmetric(y + j, h) * w + x];
				out[y * w + x] = s;
			}
		return out;
	}

	/** Index mirrored with the edge repeated (period 2n). */
	static int symmetric(final int i, final int n) {
		final int m = Math.floorMod(i, 2 * n);
		return m < n ? m : 2 * n - 1 - m;
	}
}
