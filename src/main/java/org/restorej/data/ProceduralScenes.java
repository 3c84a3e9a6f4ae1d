package org.restorej.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/** The painters of the {@link SceneFamily} families beyond {@link SyntheticScene}. */
final class ProceduralScenes {

	private final int height, width;
	private final double[] sum;
	private final SplittableRandom random;

	private ProceduralScenes(final int height, final int width, final SplittableRandom random) {
		this.height = height;
		this.width = width;
		this.sum = new double[height * width];
		this.random = random;
	}

	static float[] render(final SceneFamily family, final int height, final int width, final SplittableRandom r) {
		final ProceduralScenes s = new ProceduralScenes(height, width, r);
		final double area = height * (double) width / (256.0 * 256.0);
		switch (family) {
			case NUCLEI -> s.nuclei(area);
			case POINT_SOURCES -> s.stars(area, false);
			case PINK_NOISE -> s.pinkNoise();
			case SHAPES -> s.deadLeaves(area);
			case GRADIENT -> s.gradient();
			case TEXTURE -> s.texture(area);
			case TISSUE -> s.tissue(area);
			case FIBRES -> s.fibres(area);
			case GALAXIES -> s.stars(area, true);
			default -> throw new IllegalArgumentException("not a procedural family: " + family);
		}
		return s.normalised();
	}

	private void nuclei(final double area) {
		Arrays.fill(sum, random.nextDouble(0, 0.05));
		final double[] texture = valueNoise(random.nextDouble(2, 5), 3, 0.6);
		final int n = (int) Math.max(1, Math.round(random.nextInt(5, 80) * area));
		for (int i = 0; i < n; i++) {
			final double cy = random.nextDouble(height), cx = random.nextDouble(width);
			final double ry = random.nextDouble(5, 16), rx = ry * random.nextDouble(0.6, 1.4);
			final double angle = random.nextDouble(Math.PI), a = random.nextDouble(0.3, 1), edge = random.nextDouble(
				0.6, 2);
			ellipse(cy, cx, ry, rx, angle, edge, (y, x) -> a * (0.6 + 0.4 * texture[y * width + x]));
		}
	}

	/** Point sources: star fluxes from a power law; {@code galaxies} adds extended sources and Moffat wings. */
	private void stars(final double area, final boolean galaxies) {
		Arrays.fill(sum, random.nextDouble(0, 0.03));
		addBumps(random.nextInt(1, 4), 0.02);
		final double psf = random.nextDouble(0.7, galaxies ? 2.5 : 1.8);
		final int n = (int) Math.max(1, Math.round(random.nextInt(20, 300) * area));
		for (int i = 0; i < n; i++) {
			final double flux = Math.pow(random.nextDouble(0.001, 1), 2.5);
			final double y = random.nextDouble(height), x = random.nextDouble(width);
			if (galaxies) moffat(y, x, psf, flux);
			else gaussian(y, x, psf, flux);
		}
		if (!galaxies) return;
		final int g = (int) Math.max(1, Math.round(random.nextInt(2, 12) * area));
		for (int i = 0; i < g; i++) {
			final double ry = random.nextDouble(3, 25), rx = ry * random.nextDouble(0.3, 1);
			final double a = random.nextDouble(0.05, 0.5);
			final double cy = random.nextDouble(height), cx = random.nextDouble(width), angle = random.nextDouble(
				Math.PI);
			final double cos = Math.cos(angle), sin = Math.sin(angle);
			for (int y = 0; y < height; y++)
				for (int x = 0; x < width; x++) {
					final double u = ((y - cy) * cos + (x - cx) * sin) / ry, v = (-(y - cy) * sin + (x - cx) * cos) / rx;
					sum[y * width + x] += a * Math.exp(-2 * Math.sqrt(u * u + v * v));
				}
		}
	}

	private void pinkNoise() {
		final double[] n = valueNoise(random.nextDouble(1.5, 4), random.nextInt(4, 7), random.nextDouble(0.45, 0.8));
		final boolean contrast = random.nextBoolean();
		for (int i = 0; i < sum.length; i++)
			sum[i] = contrast ? Math.exp(2.5 * n[i]) : n[i];
	}

	private void deadLeaves(final double area) {
		Arrays.fill(sum, random.nextDouble(0, 0.5));
		final int n = (int) Math.max(3, Math.round(random.nextInt(30, 200) * area));
		for (int i = 0; i < n; i++) {
			final double size = Math.pow(random.nextDouble(0.02, 1), 2) * 60 + 2;
			final double cy = random.nextDouble(height), cx = random.nextDouble(width);
			final double a = random.nextDouble(), slope = random.nextDouble(-0.01, 0.01);
			final int kind = random.nextInt(3);
			final double angle = random.nextDouble(Math.PI), cos = Math.cos(angle), sin = Math.sin(angle);
			final double aspect = random.nextDouble(0.3, 1);
			final int r = (int) Math.ceil(size * 1.5);
			for (int y = Math.max(0, (int) cy - r); y < Math.min(height, (int) cy + r); y++)
				for (int x = Math.max(0, (int) cx - r); x < Math.min(width, (int) cx + r); x++) {
					final double u = (y - cy) * cos + (x - cx) * sin, v = (-(y - cy) * sin + (x - cx) * cos) / aspect;
					final boolean inside = switch (kind) {
						case 0 -> u * u + v * v < size * size;
						case 1 -> Math.abs(u) < size && Math.abs(v) < size;
						default -> u > -size && Math.abs(v) < (size - u) / 2;
					};
					if (inside) sum[y * width + x] = Math.max(0, a + slope * u);
				}
		}
		smooth(random.nextDouble(0.5, 1.2));
	}

	private void gradient() {
		final double gy = random.nextDouble(-1, 1) / height, gx = random.nextDouble(-1, 1) / width;
		final double base = random.nextDouble(0.1, 0.6);
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++)
				sum[y * width + x] = Math.max(0, base + gy * y + gx * x);
		addBumps(random.nextInt(1, 6), 0.4);
	}

	/** Several gratings of random period and orientation, each under its own smooth envelope, plus Gabor patches. */
	private void texture(final double area) {
		Arrays.fill(sum, random.nextDouble(0.05, 0.3));
		final int gratings = random.nextInt(1, 5);
		for (int g = 0; g < gratings; g++) {
			final double period = Math.exp(random.nextDouble(Math.log(3), Math.log(24))), angle = random.nextDouble(
				Math.PI), phase = random.nextDouble(2 * Math.PI), a = random.nextDouble(0.1, 0.5);
			final double[] envelope = valueNoise(random.nextDouble(8, 32), 2, 0.5);
			final double ky = 2 * Math.PI * Math.cos(angle) / period, kx = 2 * Math.PI * Math.sin(angle) / period;
			final boolean square = random.nextDouble() < 0.3;
			for (int y = 0; y < height; y++)
				for (int x = 0; x < width; x++) {
					final double w = Math.sin(ky * y + kx * x + phase);
					sum[y * width + x] += a * envelope[y * width + x] * (1 + (square ? Math.tanh(3 * w) : w));
				}
		}
		final int patches = (int) Math.round(random.nextInt(0, 20) * area);
		for (int i = 0; i < patches; i++) {
			final double cy = random.nextDouble(height), cx = random.nextDouble(width), sigma = random.nextDouble(4, 15);
			final double period = random.nextDouble(3, 12), angle = random.nextDouble(Math.PI), a = random.nextDouble(
				0.1, 0.6);
			final int r = (int) Math.ceil(3 * sigma);
			for (int y = Math.max(0, (int) cy - r); y < Math.min(height, (int) cy + r); y++)
				for (int x = Math.max(0, (int) cx - r); x < Math.min(width, (int) cx + r); x++) {
					final double d2 = (y - cy) * (y - cy) + (x - cx) * (x - cx);
					final double u = (y - cy) * Math.cos(angle) + (x - cx) * Math.sin(angle);
					sum[y * width + x] += a * Math.exp(-d2 / (2 * sigma * sigma)) * (1 + Math.cos(2 * Math.PI * u / period));
				}
		}
		smooth(random.nextDouble(0.5, 1));
	}

	/** Voronoi cells: bright borders where the two nearest seeds are equally far, a nucleus in each. */
	private void tissue(final double area) {
		final int n = (int) Math.max(4, Math.round(random.nextInt(25, 90) * area));
		final double[][] seeds = new double[n][2];
		for (final double[] s : seeds) {
			s[0] = random.nextDouble(height);
			s[1] = random.nextDouble(width);
		}
		final double border = random.nextDouble(0.8, 2), borderLevel = random.nextDouble(0.4, 0.9);
		final double[] grain = valueNoise(random.nextDouble(1, 2), 2, 0.5);
		final double cytoplasm = random.nextDouble(0.1, 0.3), nucleus = random.nextDouble(0.3, 1);
		final double nucleusRadius = random.nextDouble(3, 7);
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				double d1 = Double.MAX_VALUE, d2 = Double.MAX_VALUE;
				for (final double[] s : seeds) {
					final double d = Math.hypot(y - s[0], x - s[1]);
					if (d < d1) {
						d2 = d1;
						d1 = d;
					}
					else if (d < d2) d2 = d;
				}
				final double edge = (d2 - d1) / 2;
				sum[y * width + x] = cytoplasm * (0.5 + grain[y * width + x]) + borderLevel * Math.exp(-edge * edge / (2 *
					border * border)) + nucleus / (1 + Math.exp((d1 - nucleusRadius) * 2));
			}
	}

	/** Many long fibres of one dominant orientation (with spread) over a faint grating. */
	private void fibres(final double area) {
		final double period = random.nextDouble(4, 12), grating = random.nextDouble(0.05, 0.2);
		final double ga = random.nextDouble(Math.PI);
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++)
				sum[y * width + x] = grating * (1 + Math.sin(2 * Math.PI * (y * Math.cos(ga) + x * Math.sin(ga)) /
					period));
		final double main = random.nextDouble(Math.PI), spread = random.nextDouble(0.1, 1.2);
		final int n = (int) Math.max(5, Math.round(random.nextInt(40, 150) * area));
		for (int i = 0; i < n; i++) {
			double y = random.nextDouble(height), x = random.nextDouble(width);
			double direction = main + spread * random.nextGaussian();
			final double sigma = random.nextDouble(0.6, 1.8), a = random.nextDouble(0.1, 0.6);
			final double length = random.nextDouble(60, 400);
			for (double s = 0; s < length; s += 0.5) {
				gaussian(y, x, sigma, a * 0.5 / (Math.sqrt(2 * Math.PI) * sigma));
				direction += 0.01 * random.nextGaussian();
				y += 0.5 * Math.sin(direction);
				x += 0.5 * Math.cos(direction);
			}
		}
	}

	private interface Fill {
		double at(int y, int x);
	}

	private void ellipse(final double cy, final double cx, final double ry, final double rx, final double angle,
		final double edge, final Fill fill)
	{
		final double cos = Math.cos(angle), sin = Math.sin(angle), r = Math.max(ry, rx) + 4 * edge;
		for (int y = Math.max(0, (int) (cy - r)); y < Math.min(height, (int) (cy + r) + 1); y++)
			for (int x = Math.max(0, (int) (cx - r)); x < Math.min(width, (int) (cx + r) + 1); x++) {
				final double u = ((y - cy) * cos + (x - cx) * sin) / ry, v = (-(y - cy) * sin + (x - cx) * cos) / rx;
				final double d = (Math.sqrt(u * u + v * v) - 1) * Math.min(ry, rx);
				sum[y * width + x] += fill.at(y, x) / (1 + Math.exp(d / (edge * 0.5)));
			}
	}

	private void addBumps(final int n, final double amplitude) {
		for (int i = 0; i < n; i++) {
			final double cy = random.nextDouble(height), cx = random.nextDouble(width);
			final double sigma = random.nextDouble(0.1, 0.5) * Math.max(height, width);
			final double a = random.nextDouble(-0.5, 1) * amplitude;
			for (int y = 0; y < height; y++)
				for (int x = 0; x < width; x++)
					sum[y * width + x] = Math.max(0, sum[y * width + x] + a * Math.exp(-((y - cy) * (y - cy) + (x - cx) *
						(x - cx)) / (2 * sigma * sigma)));
		}
	}

	private void gaussian(final double cy, final double cx, final double sigma, final double a) {
		final int r = (int) Math.ceil(3.5 * sigma);
		final double inv = 1 / (2 * sigma * sigma);
		for (int y = Math.max(0, (int) cy - r); y <= Math.min(height - 1, (int) cy + r); y++)
			for (int x = Math.max(0, (int) cx - r); x <= Math.min(width - 1, (int) cx + r); x++)
				sum[y * width + x] += a * Math.exp(-((y - cy) * (y - cy) + (x - cx) * (x - cx)) * inv);
	}

	/** A Moffat profile (beta 2.5): a seeing-limited star with broader wings than a Gaussian. */
	private void moffat(final double cy, final double cx, final double fwhmSigma, final double a) {
		final double alpha = fwhmSigma * 1.6;
		final int r = (int) Math.ceil(8 * fwhmSigma);
		for (int y = Math.max(0, (int) cy - r); y <= Math.min(height - 1, (int) cy + r); y++)
			for (int x = Math.max(0, (int) cx - r); x <= Math.min(width - 1, (int) cx + r); x++)
				sum[y * width + x] += a * Math.pow(1 + ((y - cy) * (y - cy) + (x - cx) * (x - cx)) / (alpha * alpha),
					-2.5);
	}

	/**
	 * Octaves of bilinearly interpolated random grids, the coarsest cell {@code 2^octaves * finest} pixels,
	 * each octave {@code persistence} times the amplitude of the next coarser: a power-law spectrum; in [0, 1].
	 */
	private double[] valueNoise(final double finest, final int octaves, final double persistence) {
		final double[] out = new double[sum.length];
		double cell = finest * Math.pow(2, octaves - 1), amplitude = 1;
		for (int o = 0; o < octaves; o++, cell /= 2, amplitude *= persistence) {
			final int gh = (int) Math.ceil(height / cell) + 2, gw = (int) Math.ceil(width / cell) + 2;
			final double[] grid = new double[gh * gw];
			for (int i = 0; i < grid.length; i++)
				grid[i] = random.nextDouble();
			for (int y = 0; y < height; y++) {
				final double fy = y / cell;
				final int iy = (int) fy;
				final double ty = smoothStep(fy - iy);
				for (int x = 0; x < width; x++) {
					final double fx = x / cell;
					final int ix = (int) fx;
					final double tx = smoothStep(fx - ix);
					final double top = grid[iy * gw + ix] * (1 - tx) + grid[iy * gw + ix + 1] * tx;
					final double bottom = grid[(iy + 1) * gw + ix] * (1 - tx) + grid[(iy + 1) * gw + ix + 1] * tx;
					out[y * width + x] += amplitude * (top * (1 - ty) + bottom * ty);
				}
			}
		}
		double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
		for (final double v : out) {
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		for (int i = 0; i < out.length; i++)
			out[i] = (out[i] - min) / (max - min);
		return out;
	}

	private static double smoothStep(final double t) {
		return t * t * (3 - 2 * t);
	}

	private void smooth(final double sigma) {
		final float[] f = new float[sum.length];
		for (int i = 0; i < f.length; i++)
			f[i] = (float) sum[i];
		final float[] g = Convolution.gaussian(f, height, width, sigma);
		for (int i = 0; i < f.length; i++)
			sum[i] = g[i];
	}

	/** The 99.9th percentile to a random level in [0.6, 0.95], clipped at 1, as {@link SyntheticScene} does. */
	private float[] normalised() {
		final double[] sorted = sum.clone();
		Arrays.sort(sorted);
		final double p999 = Math.max(1e-12, sorted[(int) Math.floor(0.999 * (sorted.length - 1))]);
		final double level = random.nextDouble(0.6, 0.95);
		final float[] out = new float[sum.length];
		for (int i = 0; i < out.length; i++)
			out[i] = (float) Math.max(0, Math.min(1, sum[i] * level / p999));
		return out;
	}
}
