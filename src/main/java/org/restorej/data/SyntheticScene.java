package org.restorej.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fluorescence microscopy field of view without noise, as fractions of the brightest intensity in
 * [0, 1]: a smooth autofluorescence background, cells outlined by membranes (with faint cytoplasm),
 * filaments (cytoskeleton-like smooth curves) and blobs (vesicles and spots of many sizes). Structures
 * have Gaussian cross-sections at least a pixel wide, as a diffraction-limited image would; the same seed
 * always gives the same image.
 */
public final class SyntheticScene {

	/** Curves are drawn as overlapping Gaussian spots this far apart (pixels). */
	private static final double CURVE_STEP = 0.5;

	private final int height;
	private final int width;
	private final double[] sum;
	private final SplittableRandom random;

	private SyntheticScene(final int height, final int width, final long seed) {
		this.height = height;
		this.width = width;
		this.sum = new double[height * width];
		this.random = new SplittableRandom(seed);
	}

	/** The clean image of {@code height x width} pixels for a seed, row-major. */
	public static float[] render(final int height, final int width, final long seed) {
		final SyntheticScene s = new SyntheticScene(height, width, seed);
		final double area = height * (double) width / (256.0 * 256.0);
		s.background();
		final int cells = s.count(1, 5, area);
		for (int i = 0; i < cells; i++)
			s.cell();
		final int filaments = s.count(4, 18, area);
		for (int i = 0; i < filaments; i++)
			s.filament();
		final int blobs = s.count(10, 70, area);
		for (int i = 0; i < blobs; i++)
			s.blob();
		return s.normalised();
	}

	private int count(final int min, final int max, final double area) {
		return (int) Math.round(random.nextInt(min, max + 1) * area);
	}

	/** A few broad Gaussians on a floor: uneven autofluorescence and illumination. */
	private void background() {
		final double floor = random.nextDouble(0.02, 0.08);
		Arrays.fill(sum, floor);
		final int n = random.nextInt(2, 6);
		for (int i = 0; i < n; i++) {
			final double cy = random.nextDouble(height), cx = random.nextDouble(width);
			final double sigma = random.nextDouble(0.2, 0.6) * Math.max(height, width);
			final double a = random.nextDouble(0.01, 0.05);
			for (int y = 0; y < height; y++)
				for (int x = 0; x < width; x++) {
					final double d2 = (y - cy) * (y - cy) + (x - cx) * (x - cx);
					sum[y * width + x] += a * Math.exp(-d2 / (2 * sigma * sigma));
				}
		}
	}

	/** A closed, wobbly membrane outline with a faint interior. */
	private void cell() {
		final double cy = random.nextDouble(height), cx = random.nextDouble(width);
		final double radius = random.nextDouble(18, 60);
		final double elongation = random.nextDouble(0.7, 1.3), angle = random.nextDouble(Math.PI);
		final double[] harmonicAmp = new double[4], harmonicPhase = new double[4];
		for (int h = 0; h < 4; h++) {
			harmonicAmp[h] = random.nextDouble(0, 0.12) / (h + 1);
			harmonicPhase[h] = random.nextDouble(2 * Math.PI);
		}
		final double interior = random.nextDouble(0.02, 0.08);
		final double membrane = random.nextDouble(0.25, 0.7), sigma = random.nextDouble(0.8, 1.6);
		final int steps = (int) Math.ceil(2 * Math.PI * radius * 1.5 / CURVE_STEP);
		double prevY = Double.NaN, prevX = Double.NaN;
		for (int i = 0; i <= steps; i++) {
			final double t = 2 * Math.PI * i / steps;
			double r = radius;
			for (int h = 0; h < 4; h++)
				r *= 1 + harmonicAmp[h] * Math.sin((h + 2) * t + harmonicPhase[h]);
			final double ly = r * Math.sin(t) * elongation, lx = r * Math.cos(t) / elongation;
			final double y = cy + ly * Math.cos(angle) + lx * Math.sin(angle);
			final double x = cx - ly * Math.sin(angle) + lx * Math.cos(angle);
			final double step = Double.isNaN(prevY) ? CURVE_STEP : Math.hypot(y - prevY, x - prevX);
			spot(y, x, sigma, membrane * step / (Math.sqrt(2 * Math.PI) * sigma));
			prevY = y;
			prevX = x;
		}
		// interior: a soft disc of the mean radius
		final int r = (int) Math.ceil(radius * 1.4);
		for (int y = Math.max(0, (int) cy - r); y < Math.min(height, (int) cy + r); y++)
			for (int x = Math.max(0, (int) cx - r); x < Math.min(width, (int) cx + r); x++) {
				final double d = Math.hypot(y - cy, x - cx) / radius;
				sum[y * width + x] += interior / (1 + Math.exp((d - 0.9) * 12));
			}
	}

	/** A smooth curve with persistent direction (a worm-like chain), thin and bright. */
	private void filament() {
		double y = random.nextDouble(height), x = random.nextDouble(width);
		double direction = random.nextDouble(2 * Math.PI);
		final double length = random.nextDouble(40, 260);
		final double stiffness = random.nextDouble(0.002, 0.015);
		final double a = random.nextDouble(0.15, 0.6), sigma = random.nextDouble(0.7, 1.3);
		final double weight = a * CURVE_STEP / (Math.sqrt(2 * Math.PI) * sigma);
		double curvature = 0;
		for (double s = 0; s < length; s += CURVE_STEP) {
			spot(y, x, sigma, weight);
			curvature = 0.95 * curvature + stiffness * random.nextDouble(-1, 1);
			direction += curvature;
			y += CURVE_STEP * Math.sin(direction);
			x += CURVE_STEP * Math.cos(direction);
		}
	}

	/** Vesicles and spots: mostly small and bright, some larger and dimmer. */
	private void blob() {
		final double sigma = random.nextDouble() < 0.8 ? random.nextDouble(0.8, 2.5) : random.nextDouble(3, 7);
		final double a = sigma < 3 ? random.nextDouble(0.2, 1.0) : random.nextDouble(0.05, 0.3);
		spot(random.nextDouble(height), random.nextDouble(width), sigma, a);
	}

	/** Adds {@code a exp(-r^2 / 2 sigma^2)} around (y, x), cut at 3.5 sigma. */
	private void spot(final double cy, final double cx, final double sigma, final double a) {
		final int r = (int) Math.ceil(3.5 * sigma);
		final int y0 = Math.max(0, (int) Math.floor(cy) - r), y1 = Math.min(height - 1, (int) Math.floor(cy) + r);
		final int x0 = Math.max(0, (int) Math.floor(cx) - r), x1 = Math.min(width - 1, (int) Math.floor(cx) + r);
		final double inv = 1 / (2 * sigma * sigma);
		for (int y = y0; y <= y1; y++)
			for (int x = x0; x <= x1; x++) {
				final double d2 = (y - cy) * (y - cy) + (x - cx) * (x - cx);
				sum[y * width + x] += a * Math.exp(-d2 * inv);
			}
	}

	/**
	 * Scales so that the 99.9th percentile becomes a random level in [0.6, 0.95] and clips at 1: a few
	 * saturated pixels, as in real acquisitions, and varied overall brightness.
	 */
	private float[] normalised() {
		final double[] sorted = sum.clone();
		Arrays.sort(sorted);
		final double p999 = sorted[(int) Math.floor(0.999 * (sorted.length - 1))];
		final double level = random.nextDouble(0.6, 0.95);
		final float[] out = new float[sum.length];
		for (int i = 0; i < out.length; i++)
			out[i] = (float) Math.min(1, sum[i] * level / p999);
		return out;
	}
}
