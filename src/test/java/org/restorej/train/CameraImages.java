package org.restorej.train;

import java.nio.file.Path;
import java.util.SplittableRandom;

import org.restorej.data.Convolution;
import org.restorej.data.PoissonSampler;
import org.restorej.data.SyntheticScene;
import org.restorej.metrics.Psnr;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

/**
 * Camera-like 16-bit images of the project's synthetic scenes, as the self-supervised tests and measurements
 * use them: offset 100 ADU, 100 ADU per photon, a given number of photons at the brightest pixel, read noise
 * 1.5 e-, integer ADU clipped to 16 bits.
 */
public final class CameraImages {

	static final double OFFSET = 100, GAIN = 100, READ_NOISE = 1.5;

	/** The noise-free and the noisy image in ADU, row-major. */
	public record Camera(int height, int width, float[] clean, float[] noisy) {

		/** PSNR against the clean image, over the clean image's range. */
		public double psnr(final float[] test) {
			float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
			for (final float v : clean) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
			return Psnr.of(clean, test, hi - lo);
		}

		/** The best Gaussian filter's PSNR, its sigma tuned on the clean image (0.1 grid up to 4): the oracle. */
		public double[] oracleGaussian() {
			double best = psnr(noisy), sigma = 0;
			for (int i = 1; i <= 40; i++) {
				final double p = psnr(Convolution.gaussian(noisy, height, width, i / 10.0));
				if (p > best) {
					best = p;
					sigma = i / 10.0;
				}
			}
			return new double[] { best, sigma };
		}

		public void writeNoisy(final Path file) throws java.io.IOException {
			java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
			final short[] px = new short[noisy.length];
			for (int i = 0; i < px.length; i++)
				px[i] = (short) Math.round(noisy[i]);
			new FileSaver(new ImagePlus("noisy", new ShortProcessor(width, height, px, null))).saveAsTiff(file
				.toString());
		}
	}

	private CameraImages() {}

	/** The project's fluorescence scene (what the bundled models were trained on). */
	public static Camera of(final int height, final int width, final double peakPhotons, final long seed) {
		return camera(SyntheticScene.render(height, width, seed), height, width, peakPhotons, seed);
	}

	/**
	 * Content unlike the project's generator: nuclei with textured interiors on a smooth, uneven background
	 * with point sources, in [0, 1].
	 */
	public static Camera tissue(final int height, final int width, final double peakPhotons, final long seed) {
		final SplittableRandom r = new SplittableRandom(seed);
		final float[] background = field(height, width, 24, r), texture = field(height, width, 1.5, r);
		final double[] v = new double[height * width];
		for (int i = 0; i < v.length; i++)
			v[i] = 0.08 + 0.12 * background[i];
		final int nuclei = (int) (height * (double) width / 9000);
		for (int n = 0; n < nuclei; n++) {
			final double cy = r.nextDouble(height), cx = r.nextDouble(width), ry = r.nextDouble(8, 26), rx = ry * r
				.nextDouble(0.6, 1.4), a = r.nextDouble(Math.PI), b = r.nextDouble(0.3, 0.8);
			for (int y = (int) Math.max(0, cy - 30); y < Math.min(height, cy + 30); y++)
				for (int x = (int) Math.max(0, cx - 30); x < Math.min(width, cx + 30); x++) {
					final double dy = y - cy, dx = x - cx;
					final double u = (dx * Math.cos(a) + dy * Math.sin(a)) / rx, w = (-dx * Math.sin(a) + dy * Math.cos(a)) /
						ry;
					final double d = Math.sqrt(u * u + w * w);
					final double edge = 1 / (1 + Math.exp((d - 1) * 12));
					v[y * width + x] += b * edge * (0.6 + 0.8 * texture[y * width + x]);
				}
		}
		final int spots = (int) (height * (double) width / 1300);
		for (int n = 0; n < spots; n++) {
			final double cy = r.nextDouble(height), cx = r.nextDouble(width), s = r.nextDouble(0.7, 1.6), b = r
				.nextDouble(0.1, 0.7);
			for (int y = (int) Math.max(0, cy - 6); y < Math.min(height, cy + 6); y++)
				for (int x = (int) Math.max(0, cx - 6); x < Math.min(width, cx + 6); x++)
					v[y * width + x] += b * Math.exp(-((y - cy) * (y - cy) + (x - cx) * (x - cx)) / (2 * s * s));
		}
		double max = 0;
		for (final double x : v)
			max = Math.max(max, x);
		final float[] scene = new float[v.length];
		for (int i = 0; i < v.length; i++)
			scene[i] = (float) (v[i] / max);
		return camera(scene, height, width, peakPhotons, seed);
	}

	/** Smoothed white noise scaled to [0, 1]. */
	private static float[] field(final int height, final int width, final double sigma, final SplittableRandom r) {
		final float[] f = new float[height * width];
		for (int i = 0; i < f.length; i++)
			f[i] = (float) r.nextGaussian();
		final float[] g = Convolution.gaussian(f, height, width, sigma);
		float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
		for (final float x : g) {
			lo = Math.min(lo, x);
			hi = Math.max(hi, x);
		}
		for (int i = 0; i < g.length; i++)
			g[i] = (g[i] - lo) / (hi - lo);
		return g;
	}

	private static Camera camera(final float[] scene, final int height, final int width, final double peakPhotons,
		final long seed)
	{
		final SplittableRandom random = new SplittableRandom(seed ^ 0x5eed);
		final float[] clean = new float[scene.length], noisy = new float[scene.length];
		for (int i = 0; i < scene.length; i++) {
			final double photons = peakPhotons * scene[i];
			clean[i] = (float) (OFFSET + GAIN * photons);
			final double electrons = PoissonSampler.sample(photons, random) + READ_NOISE * random.nextGaussian();
			noisy[i] = (float) Math.max(0, Math.min(65535, Math.round(OFFSET + GAIN * electrons)));
		}
		return new Camera(height, width, clean, noisy);
	}
}
