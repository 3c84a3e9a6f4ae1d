package org.restorej.data;

import java.util.Locale;

/**
 * The blur of a widefield microscope, as a normalised 2D kernel: none, a Gaussian of standard deviation
 * {@code size} pixels, or an Airy-like pattern {@code (2 J1(v) / v)^2} (the in-focus PSF of a circular pupil)
 * whose first dark ring has radius {@code size} pixels ({@code 0.61 λ / NA} over the pixel size).
 */
public record PointSpreadFunction(Kind kind, double size) {

	public enum Kind {
		NONE, GAUSSIAN, AIRY
	}

	/** First zero of J1: the Airy pattern's first dark ring is at {@code v = 3.8317}. */
	private static final double J1_FIRST_ZERO = 3.831705970207512;
	/** Sub-pixel samples per axis when integrating the Airy pattern over a pixel. */
	private static final int SUPERSAMPLING = 5;

	public PointSpreadFunction {
		if (kind != Kind.NONE && !(size > 0)) throw new IllegalArgumentException("PSF size must be > 0: " + size);
	}

	public static final PointSpreadFunction NONE = new PointSpreadFunction(Kind.NONE, 0);

	/** {@code none}, {@code gaussian:SIGMA} or {@code airy:RADIUS} (pixels), as on the command line. */
	public static PointSpreadFunction parse(final String text) {
		final String t = text.trim().toLowerCase(Locale.ROOT);
		if (t.equals("none")) return NONE;
		final String[] parts = t.split(":");
		try {
			if (parts.length == 2 && parts[0].equals("gaussian")) return new PointSpreadFunction(Kind.GAUSSIAN,
				Double.parseDouble(parts[1]));
			if (parts.length == 2 && parts[0].equals("airy")) return new PointSpreadFunction(Kind.AIRY, Double
				.parseDouble(parts[1]));
		}
		catch (final IllegalArgumentException e) {
			// reported below
		}
		throw new DataException("Unknown PSF '" + text + "': use none, gaussian:SIGMA or airy:RADIUS (pixels), " +
			"e.g. airy:2.5.");
	}

	/** The kernel, odd-sized, summing to 1; a single 1 for {@link Kind#NONE}. */
	public float[][] kernel() {
		return switch (kind) {
			case NONE -> new float[][] { { 1f } };
			case GAUSSIAN -> normalised(gaussian());
			case AIRY -> normalised(airy());
		};
	}

	private double[][] gaussian() {
		final int r = (int) Math.ceil(4 * size);
		final double[][] k = new double[2 * r + 1][2 * r + 1];
		for (int y = -r; y <= r; y++)
			for (int x = -r; x <= r; x++)
				k[y + r][x + r] = Math.exp(-(x * x + y * y) / (2 * size * size));
		return k;
	}

	/** Integrated over each pixel (the pattern varies fast at small radii); cut after the third dark ring. */
	private double[][] airy() {
		final int r = (int) Math.ceil(3.3 * size);
		final double[][] k = new double[2 * r + 1][2 * r + 1];
		final double scale = J1_FIRST_ZERO / size;
		for (int y = -r; y <= r; y++)
			for (int x = -r; x <= r; x++) {
				double sum = 0;
				for (int sy = 0; sy < SUPERSAMPLING; sy++)
					for (int sx = 0; sx < SUPERSAMPLING; sx++) {
						final double dy = y + (sy + 0.5) / SUPERSAMPLING - 0.5;
						final double dx = x + (sx + 0.5) / SUPERSAMPLING - 0.5;
						final double v = scale * Math.hypot(dx, dy);
						final double amplitude = v < 1e-9 ? 1 : 2 * besselJ1(v) / v;
						sum += amplitude * amplitude;
					}
				k[y + r][x + r] = sum;
			}
		return k;
	}

	/** J1(x) from Bessel's integral {@code (1/π) ∫_0^π cos(τ − x sin τ) dτ}, Simpson's rule. */
	static double besselJ1(final double x) {
		final int n = 200;
		final double h = Math.PI / n;
		double s = 0;
		for (int i = 0; i <= n; i++) {
			final double t = i * h;
			final double f = Math.cos(t - x * Math.sin(t));
			s += (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * f;
		}
		return s * h / 3 / Math.PI;
	}

	private static float[][] normalised(final double[][] k) {
		double total = 0;
		for (final double[] row : k)
			for (final double v : row)
				total += v;
		final float[][] out = new float[k.length][k[0].length];
		for (int y = 0; y < k.length; y++)
			for (int x = 0; x < k[0].length; x++)
				out[y][x] = (float) (k[y][x] / total);
		return out;
	}

	/** Blurs a single-channel image with this PSF, mirroring at the borders. */
	public float[] blur(final float[] image, final int height, final int width) {
		if (kind == Kind.NONE) return image.clone();
		return Convolution.mirrored(image, height, width, kernel());
	}

	@Override
	public String toString() {
		return switch (kind) {
			case NONE -> "none";
			case GAUSSIAN -> "gaussian:" + size;
			case AIRY -> "airy:" + size;
		};
	}
}
