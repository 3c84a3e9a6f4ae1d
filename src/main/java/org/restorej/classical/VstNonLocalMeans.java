package org.restorej.classical;

/**
 * Non-local means after a variance-stabilising transform: the generalised Anscombe transform (known gain,
 * offset and read noise) makes Poisson-Gaussian camera noise nearly unit-variance Gaussian, non-local means
 * (Buades, Coll and Morel) removes it there, and the closed-form approximation of the exact unbiased inverse
 * (Mäkitalo and Foi) brings the result back to ADU. Patch and search sizes and the filtering parameter follow
 * the per-noise-level table of Buades et al.'s IPOL description, chosen from the noise level relative to the
 * stabilised image's range.
 */
public final class VstNonLocalMeans {

	/**
	 * The camera's noise: {@code gain} ADU per electron, {@code offset} ADU, {@code readNoise} electrons.
	 */
	public record CameraNoise(double gain, double offset, double readNoise) {
		public CameraNoise {
			if (!(gain > 0) || !(readNoise >= 0)) throw new IllegalArgumentException("gain must be > 0 and read noise " +
				">= 0: " + gain + ", " + readNoise);
		}
	}

	private static final double SQRT_3_2 = Math.sqrt(1.5);

	private VstNonLocalMeans() {}

	/** The denoised image in ADU, row-major {@code height x width}. */
	public static float[] denoise(final float[] raw, final int height, final int width, final CameraNoise noise) {
		return denoise(raw, height, width, noise, 1);
	}

	/** As {@link #denoise(float[], int, int, CameraNoise)} with the table's filtering parameter times {@code strength}. */
	public static float[] denoise(final float[] raw, final int height, final int width, final CameraNoise noise,
		final double strength)
	{
		final float[] stable = anscombe(raw, noise);
		float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
		for (final float v : stable) {
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		// the IPOL table is for 8-bit images: the unit noise of the stabilised image, on a 0..255 scale
		final double sigma255 = 255 / Math.max(1e-6, max - min);
		final int patch, search;
		final double h;
		if (sigma255 <= 15) {
			patch = 1;
			search = 10;
			h = 0.4;
		}
		else if (sigma255 <= 30) {
			patch = 2;
			search = 10;
			h = 0.4;
		}
		else if (sigma255 <= 45) {
			patch = 3;
			search = 17;
			h = 0.35;
		}
		else if (sigma255 <= 75) {
			patch = 4;
			search = 17;
			h = 0.35;
		}
		else {
			patch = 5;
			search = 17;
			h = 0.3;
		}
		return inverseAnscombe(nonLocalMeans(stable, height, width, 1, patch, search, h * strength), noise);
	}

	/** Electrons {@code z = (raw - offset) / gain} to {@code 2 sqrt(z + 3/8 + readNoise^2)} (0 below). */
	public static float[] anscombe(final float[] raw, final CameraNoise n) {
		final float[] out = new float[raw.length];
		final double r2 = n.readNoise() * n.readNoise();
		for (int i = 0; i < raw.length; i++)
			out[i] = (float) (2 * Math.sqrt(Math.max(0, (raw[i] - n.offset()) / n.gain() + 0.375 + r2)));
		return out;
	}

	/** The exact unbiased inverse's closed form, back in ADU; the algebraic inverse where that form diverges. */
	public static float[] inverseAnscombe(final float[] stable, final CameraNoise n) {
		final float[] out = new float[stable.length];
		final double r2 = n.readNoise() * n.readNoise();
		for (int i = 0; i < stable.length; i++) {
			final double d = stable[i];
			final double z = d < 1 ? d * d / 4 - 0.375 - r2 : d * d / 4 + SQRT_3_2 / (4 * d) - 11 / (8 * d * d) + 5 *
				SQRT_3_2 / (8 * d * d * d) - 0.125 - r2;
			out[i] = (float) (n.offset() + n.gain() * z);
		}
		return out;
	}

	/**
	 * Non-local means with Gaussian noise {@code sigma}: every pixel becomes the weighted mean of the pixels
	 * within {@code search} whose surrounding {@code (2 patch + 1)^2} patches resemble its own, weight
	 * {@code exp(-max(d^2 - 2 sigma^2, 0) / (h sigma)^2)} with {@code d^2} the mean squared patch difference; the
	 * pixel itself gets the largest weight of the others. Borders are mirrored.
	 */
	public static float[] nonLocalMeans(final float[] image, final int height, final int width, final double sigma,
		final int patch, final int search, final double h)
	{
		final int pad = patch + search, ph = height + 2 * pad, pw = width + 2 * pad;
		final double[] padded = new double[ph * pw];
		for (int y = 0; y < ph; y++)
			for (int x = 0; x < pw; x++)
				padded[y * pw + x] = image[mirror(y - pad, height) * width + mirror(x - pad, width)];
		final double[] acc = new double[height * width], weights = new double[height * width], best =
			new double[height * width];
		final double norm = 1.0 / ((2 * patch + 1) * (2 * patch + 1)), floor = 2 * sigma * sigma, scale = 1 / (h * h *
			sigma * sigma);
		// row-major integral image of squared differences over the padded frame less the search margin
		final int ih = height + 2 * patch, iw = width + 2 * patch;
		final double[] integral = new double[(ih + 1) * (iw + 1)];
		for (int dy = -search; dy <= search; dy++)
			for (int dx = -search; dx <= search; dx++) {
				if (dy == 0 && dx == 0) continue;
				for (int y = 0; y < ih; y++) {
					double row = 0;
					final int py = y + search, base = py * pw + search;
					for (int x = 0; x < iw; x++) {
						final double diff = padded[base + x] - padded[base + x + dy * pw + dx];
						row += diff * diff;
						integral[(y + 1) * (iw + 1) + x + 1] = integral[y * (iw + 1) + x + 1] + row;
					}
				}
				final int side = 2 * patch + 1;
				for (int y = 0; y < height; y++)
					for (int x = 0; x < width; x++) {
						final double d2 = norm * (integral[(y + side) * (iw + 1) + x + side] - integral[y * (iw + 1) + x +
							side] - integral[(y + side) * (iw + 1) + x] + integral[y * (iw + 1) + x]);
						final double w = Math.exp(-Math.max(d2 - floor, 0) * scale);
						final int i = y * width + x;
						acc[i] += w * padded[(y + pad + dy) * pw + x + pad + dx];
						weights[i] += w;
						if (w > best[i]) best[i] = w;
					}
			}
		final float[] out = new float[height * width];
		for (int i = 0; i < out.length; i++) {
			final double self = best[i] > 0 ? best[i] : 1;
			out[i] = (float) ((acc[i] + self * image[i]) / (weights[i] + self));
		}
		return out;
	}

	private static int mirror(final int i, final int n) {
		if (n == 1) return 0;
		int j = i;
		while (j < 0 || j >= n)
			j = j < 0 ? -j : 2 * (n - 1) - j;
		return j;
	}
}
