package org.restorej.engine;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.restorej.data.Degradation;
import org.restorej.data.ImagePair;
import org.restorej.data.PointSpreadFunction;
import org.restorej.data.SyntheticDataset;
import org.restorej.engine.normalize.Normalization;
import org.restorej.metrics.Psnr;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;

/**
 * A measurement, not a test: how well a trained AST restores the borders of non-square images with
 * the official zero canvas and with a mirrored one, untiled and tiled. Images are crops of generated
 * scenes of the test split, degraded as the bundled model was trained (50 photons, read noise 1.5 e-,
 * Airy PSF 2 px). Prints PSNR against the clean crop, over the whole crop and over the band of
 * {@code BAND} pixels along its edges. Run:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.restorej.engine.PaddingAtTheBorders
 * [models/ast-fluorescence-restoration]}.
 */
public final class PaddingAtTheBorders {

	private static final int BAND = 16;

	private PaddingAtTheBorders() {}

	public static void main(final String... args) {
		final Path dir = Paths.get(args.length > 0 ? args[0] : "models/ast-fluorescence-restoration");
		final Degradation degradation = new Degradation(50, 1.5, PointSpreadFunction.parse("airy:2"));
		// width, height of the crops; tile 0: untiled
		final int[][] crops = { { 200, 120 }, { 96, 250 }, { 300, 170 }, { 150, 100 }, { 400, 230 } };
		final int[] tiles = { 0, 128 };
		try (LoadedModel model = LoadedModel.load(dir, ExecutionOptions.cpu())) {
			final Restorer restorer = Restorer.of(model);
			System.out.println("crop     tile  border(official) border(mirror)  all(official) all(mirror)  degraded(border)");
			// per tiling (untiled, tiled): sums of border and whole-image PSNR, official then mirror
			final double[][] sums = new double[tiles.length][4];
			int n = 0;
			for (int seed = 0; seed < 4; seed++) {
				final ImagePair scene = new SyntheticDataset(degradation, 512, 900 + seed, SyntheticDataset.Split.TEST)
					.pair(0);
				for (final int[] c : crops) {
					n++;
					for (int k = 0; k < tiles.length; k++) {
						final int tile = tiles[k];
						final int w = c[0], h = c[1], x0 = (seed * 37) % (512 - w), y0 = (seed * 53) % (512 - h);
						final float[] degraded = crop(scene.degraded().data(), 512, x0, y0, w, h);
						final float[] clean = crop(scene.clean().data(), 512, x0, y0, w, h);
						final float[] official = restore(restorer, degraded, w, h, tile, Padding.OFFICIAL);
						final float[] mirror = restore(restorer, degraded, w, h, tile, Padding.MIRROR);
						final double[] p = { psnr(clean, official, w, h, true), psnr(clean, mirror, w, h, true), psnr(clean,
							official, w, h, false), psnr(clean, mirror, w, h, false) };
						for (int j = 0; j < 4; j++)
							sums[k][j] += p[j];
						System.out.printf(Locale.ROOT, "%3dx%-4d %4s  %8.2f        %8.2f        %8.2f      %8.2f     %8.2f%n", w,
							h, tile == 0 ? "none" : Integer.toString(tile), p[0], p[1], p[2], p[3], psnr(clean, degraded, w, h,
								true));
					}
				}
			}
			for (int k = 0; k < tiles.length; k++)
				System.out.printf(Locale.ROOT, "tile %s, means over %d crops: border official %.2f, mirror %.2f dB; " +
					"whole official %.2f, mirror %.2f dB%n", tiles[k] == 0 ? "none" : Integer.toString(tiles[k]), n,
					sums[k][0] / n, sums[k][1] / n, sums[k][2] / n, sums[k][3] / n);
		}
	}

	private static float[] restore(final Restorer restorer, final float[] image, final int w, final int h,
		final int tile, final Padding padding)
	{
		RestoreOptions o = RestoreOptions.defaults().withNormalization(Normalization.none()).withPadding(padding)
			.withLog(m -> {});
		o = tile == 0 ? o.withTileSize(Math.max(w, h)).withHalo(0).withBlend(0) : o.withTileSize(tile).withHalo(32);
		final Img<FloatType> out = restorer.restoreAsFloat(ArrayImgs.floats(image.clone(), w, h), Axes.xy(), o);
		final float[] v = new float[w * h];
		int i = 0;
		for (final FloatType t : out)
			v[i++] = t.get();
		return v;
	}

	private static float[] crop(final float[] image, final int width, final int x0, final int y0, final int w,
		final int h)
	{
		final float[] c = new float[w * h];
		for (int y = 0; y < h; y++)
			System.arraycopy(image, (y0 + y) * width + x0, c, y * w, w);
		return c;
	}

	/** PSNR (range 1) over the whole image, or over the band along its edges. */
	private static double psnr(final float[] reference, final float[] test, final int w, final int h,
		final boolean band)
	{
		int n = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				if (!band || inBand(x, y, w, h)) n++;
		final float[] a = new float[n], b = new float[n];
		int k = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				if (!band || inBand(x, y, w, h)) {
					a[k] = reference[y * w + x];
					b[k++] = test[y * w + x];
				}
		return Psnr.of(a, b, 1);
	}

	private static boolean inBand(final int x, final int y, final int w, final int h) {
		return x < BAND || y < BAND || x >= w - BAND || y >= h - BAND;
	}
}
