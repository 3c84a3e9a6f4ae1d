package org.restorej.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.restorej.array.NhwcArray;
import org.restorej.engine.Axes;
import org.restorej.engine.OfficialSizeHandling;
import org.restorej.engine.RestoreOptions;
import org.restorej.engine.Restorer;
import org.restorej.engine.normalize.Normalization;
import org.restorej.engine.tiling.AxisTile;
import org.restorej.engine.tiling.AxisTiling;
import org.restorej.engine.tiling.Blending;
import org.restorej.engine.tiling.TileGrid;
import org.restorej.model.ModelDescription;
import org.restorej.nn.NetworkConfig;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;

/**
 * Measures how far tiled restoration is from an untiled pass for a network that mixes information
 * across the whole image (Restormer's channel attention, AST's windows chained through a 1/16-scale
 * bottleneck): PSNR of tiled against untiled
 * output over tile sizes and halos, with smooth blending across half the halo (the default) or all
 * of it, and with crop-and-paste on the same tiles; and how visible seams are in the difference
 * ({@link #seamContrast}).
 *
 * <p>
 * Without {@code --model}, a random-weight network of the reference fixtures' size: a grey Restormer
 * ({@code --arch restormer}, the default) or an RGB AST ({@code --arch ast}), its final layer scaled
 * so that it changes the test pattern by {@value #RESIDUAL} rms, like a denoiser removing noise of
 * sigma ~13/255 (a random network's correction is ~1 rms, which would make every PSNR ~26 dB lower
 * and say nothing about a real restorer). Pass a model folder to measure a real one. The reference is
 * one engine pass over the whole canvas: for Restormer exactly the official untiled pass; for AST the
 * official pass puts zeros, not the mirror image, around the image (the difference is printed).
 *
 * <pre>
 * java -cp ... org.restorej.bench.HaloCurve [--model DIR | --arch restormer|ast] [--size 512] [--tiles 128,256]
 *     [--halos 0,16,32,64,96,128]
 * </pre>
 */
public final class HaloCurve {

	/** Target rms correction of the random Restormer, in [0, 1] intensity units. */
	public static final double RESIDUAL = 0.05;

	private HaloCurve() {}

	/**
	 * One row of the curve: PSNRs of smooth blending over half the halo (the default), over all of it,
	 * and of crop-and-paste, on the same tiles; {@link #seamContrast} for the default and crop.
	 */
	public record Point(int tile, int halo, int tiles, double psnrSmooth, double psnrSmoothFull, double psnrCrop,
		double seamsSmooth, double seamsCrop) {}

	public static void main(final String[] args) throws IOException {
		int size = 512;
		int[] tiles = { 128, 256 };
		int[] halos = { 0, 16, 32, 64, 96, 128 };
		Path modelDir = null;
		String arch = "restormer";
		for (int i = 0; i + 1 < args.length; i += 2)
			switch (args[i]) {
				case "--model" -> modelDir = Paths.get(args[i + 1]);
				case "--arch" -> arch = args[i + 1];
				case "--size" -> size = Integer.parseInt(args[i + 1]);
				case "--tiles" -> tiles = ints(args[i + 1]);
				case "--halos" -> halos = ints(args[i + 1]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		if (modelDir == null) {
			final Path dir = Files.createTempDirectory("restorej-halo-curve");
			modelDir = arch.equals("ast") ? randomAst(dir, RESIDUAL) : randomRestormer(dir, RESIDUAL);
		}
		try (LoadedModel model = LoadedModel.load(modelDir, ExecutionOptions.cpu())) {
			final ArrayImg<FloatType, FloatArray> image = Patterns.floats(size, size, model.description().input().count(),
				7);
			final Restorer restorer = Restorer.of(model);
			final float[] reference = onePass(restorer, image);
			System.out.printf("%s, %dx%d test pattern, untiled correction %.4f rms; one engine pass vs the official " +
				"untiled pass: max-abs %.2g (AST: mirror vs zero canvas)%n", model.description().name(), size, size, rms(
					reference, image.update(null).getCurrentStorageArray()), maxAbs(reference, untiled(model, image)));
			System.out.println("PSNR (dB, peak 1) of tiled vs untiled output; seams = mean |step| of the " +
				"difference across crop-and-paste cut lines / elsewhere (1: no seam)");
			System.out.printf("%5s %5s %6s %9s %9s %8s %8s %8s%n", "tile", "halo", "tiles", "smooth", "smooth", "crop",
				"seams", "seams");
			System.out.printf("%5s %5s %6s %9s %9s %8s %8s %8s%n", "", "", "", "b=halo/2", "b=halo", "", "smooth",
				"crop");
			for (final int tile : tiles)
				for (final int halo : halos) {
					if (tile - halo < model.description().size().multiple()) continue;
					final Point p = measure(restorer, image, reference, tile, halo);
					System.out.printf("%5d %5d %6d %9.2f %9.2f %8.2f %8.2f %8.2f%n", p.tile(), p.halo(), p.tiles(), p
						.psnrSmooth(), p.psnrSmoothFull(), p.psnrCrop(), p.seamsSmooth(), p.seamsCrop());
				}
		}
	}

	/**
	 * Exports the random grey Restormer into {@code dir/restormer-random}, its final layer scaled so
	 * that its correction of the test pattern is {@code residual} rms.
	 */
	public static Path randomRestormer(final Path dir, final double residual) throws IOException {
		return randomModel(RandomNetworks.smallRestormer(1), "restormer-random", new ModelDescription.Tiling(256, 32),
			dir, residual);
	}

	/** The same for {@link RandomNetworks#smallAst() a small RGB AST}, in {@code dir/ast-random}. */
	public static Path randomAst(final Path dir, final double residual) throws IOException {
		return randomModel(RandomNetworks.smallAst(), "ast-random", new ModelDescription.Tiling(384, 64), dir,
			residual);
	}

	private static Path randomModel(final NetworkConfig config, final String name,
		final ModelDescription.Tiling tiling, final Path dir, final double residual) throws IOException
	{
		final Path probe = RandomNetworks.export(config, 20260101L, "probe", tiling, dir.resolve("probe"));
		final double raw;
		try (LoadedModel m = LoadedModel.load(probe, ExecutionOptions.cpu())) {
			final int side = config.sizeRule().multiple() > 128 ? config.sizeRule().multiple() : 128;
			final ArrayImg<FloatType, FloatArray> image = Patterns.floats(side, side, config.inputChannels(), 7);
			raw = rms(untiled(m, image), image.update(null).getCurrentStorageArray());
		}
		return RandomNetworks.export(config, 20260101L, residual / raw, name, tiling, dir.resolve(name));
	}

	public static Point measure(final Restorer restorer, final ArrayImg<FloatType, FloatArray> image,
		final float[] reference, final int tile, final int halo)
	{
		final RestoreOptions o = options(tile, halo, RestoreOptions.defaultBlend(halo), Blending.SMOOTH);
		final float[] smooth = restore(restorer, image, o), crop = restore(restorer, image, o.withBlending(
			Blending.CROP));
		final float[] full = restore(restorer, image, o.withBlend(halo));
		final int w = (int) image.dimension(0);
		final TileGrid grid = restorer.plan(w, image.dimension(1), o.withBlending(Blending.CROP));
		return new Point(tile, halo, grid.count(), psnr(smooth, reference), psnr(full,
			reference), psnr(crop, reference), seamContrast(smooth, reference, w, grid), seamContrast(crop, reference, w, grid));
	}

	public static RestoreOptions options(final int tile, final int halo, final int blend, final Blending b) {
		return RestoreOptions.defaults().withNormalization(Normalization.none()).withTileSize(tile).withHalo(halo)
			.withBlend(blend).withBlending(b).withLog(m -> {});
	}

	/** The official untiled pass, NHWC (= XYC storage order for one channel). */
	public static float[] untiled(final LoadedModel model, final ArrayImg<FloatType, FloatArray> image) {
		final int w = (int) image.dimension(0), h = (int) image.dimension(1);
		final int c = image.numDimensions() > 2 ? (int) image.dimension(2) : 1;
		final float[] data = image.update(null).getCurrentStorageArray();
		return OfficialSizeHandling.predict(model, NhwcArray.fromNchw(data, 1, c, h, w)).toNchw();
	}

	/**
	 * The engine's untiled pass: one tile covering the canvas. For Restormer this is the official
	 * untiled pass; for AST it differs at the borders, mirrored here and zero in the official code.
	 */
	public static float[] onePass(final Restorer restorer, final ArrayImg<FloatType, FloatArray> image) {
		return restore(restorer, image, options(1 << 20, 0, 0, Blending.SMOOTH));
	}

	public static double maxAbs(final float[] a, final float[] b) {
		double max = 0;
		for (int i = 0; i < a.length; i++)
			max = Math.max(max, Math.abs(a[i] - b[i]));
		return max;
	}

	/** Tiled restoration, as a flat array in the image's storage order. */
	public static float[] restore(final Restorer restorer, final ArrayImg<FloatType, FloatArray> image,
		final RestoreOptions o)
	{
		final Img<FloatType> out = restorer.restoreAsFloat(image, Axes.of(image.numDimensions() > 2 ? "XYC" : "XY"), o);
		final float[] flat = new float[(int) out.size()];
		int i = 0;
		for (final FloatType v : out)
			flat[i++] = v.get();
		return flat;
	}

	public static double psnr(final float[] a, final float[] reference) {
		return 20 * Math.log10(1 / rms(a, reference));
	}

	public static double rms(final float[] a, final float[] b) {
		double se = 0;
		for (int i = 0; i < a.length; i++)
			se += (a[i] - (double) b[i]) * (a[i] - b[i]);
		return Math.sqrt(se / a.length);
	}

	/**
	 * How visible seams are: the mean absolute step of the difference {@code tiled - reference}
	 * between neighbouring pixels across the lines where crop-and-paste on {@code grid} switches from
	 * one tile to the next, divided by the same mean everywhere else. Near 1: no seams; crop-and-paste
	 * raises it, as one tile's error meets another's.
	 */
	public static double seamContrast(final float[] tiled, final float[] reference, final int width,
		final TileGrid grid)
	{
		final int height = (int) grid.y().covered().length(), plane = width * height;
		final boolean[] cutX = cuts(grid.x(), width), cutY = cuts(grid.y(), height);
		double on = 0, off = 0;
		long nOn = 0, nOff = 0;
		// channel planes one after the other; i - 1 and i - width are the left and upper neighbours
		for (int i = 0; i < tiled.length; i++) {
			final int x = i % width, y = i % plane / width;
			final double e = tiled[i] - reference[i];
			if (x > 0) {
				final double d = Math.abs(e - tiled[i - 1] + reference[i - 1]);
				on += cutX[x] ? d : 0;
				off += cutX[x] ? 0 : d;
				nOn += cutX[x] ? 1 : 0;
				nOff += cutX[x] ? 0 : 1;
			}
			if (y > 0) {
				final double d = Math.abs(e - tiled[i - width] + reference[i - width]);
				on += cutY[y] ? d : 0;
				off += cutY[y] ? 0 : d;
				nOn += cutY[y] ? 1 : 0;
				nOff += cutY[y] ? 0 : 1;
			}
		}
		return nOn == 0 ? 1 : on / nOn / (off / nOff);
	}

	/** Positions p where crop-and-paste takes pixel p from another tile than pixel p - 1. */
	private static boolean[] cuts(final AxisTiling axis, final int length) {
		final boolean[] cut = new boolean[length];
		final List<AxisTile> tiles = axis.tiles();
		for (int i = 1; i < tiles.size(); i++) {
			final AxisTile t = tiles.get(i);
			for (long p = t.weighted().start(); p < t.weighted().end(); p++)
				if (t.weight(p) > 0.5) {
					cut[(int) p] = true;
					break;
				}
		}
		return cut;
	}

	private static int[] ints(final String csv) {
		return java.util.Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
	}
}
