package org.restorej.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.restorej.array.NhwcArray;
import org.restorej.engine.Axes;
import org.restorej.engine.RestoreOptions;
import org.restorej.engine.Restorer;
import org.restorej.engine.normalize.Normalization;
import org.restorej.engine.tiling.TileGrid;
import org.restorej.model.ModelDescription;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;

/**
 * Times tiled against untiled restoration of a 16-bit image with a small convolutional network, and
 * shows that the heap does not grow with the image beyond the output. Prints:
 * <ul>
 * <li>wall time of one untiled pass (one tile covering the image), of the network alone on the whole
 * image, and of the tiled restoration, best of {@code --reps}; the tiled/untiled ratio; megapixels
 * per second; the same tiled run with {@value #BATCH} tiles per network call;</li>
 * <li>for each of {@code --heap-sizes}, restoring an image computed on access (so that the input takes
 * no heap) into a 16-bit output: the output's size and the most heap live after any collection during
 * the run, and that heap minus the output.</li>
 * </ul>
 *
 * <pre>
 * java -Xmx2g -cp ... org.restorej.bench.TilingBenchmark [--size 2048] [--tile 256] [--halo 32]
 *     [--blend N] [--reps 3 (0: no timing)] [--heap-sizes 1024,4096 (empty: none)] [--threads N]
 * </pre>
 */
public final class TilingBenchmark {

	/** What to run. */
	public record Config(int size, int tile, int halo, int blend, int reps, int[] heapSizes, int threads) {
		public static Config parse(final String... args) {
			Config c = new Config(2048, 256, 32, -1, 3, new int[] { 1024, 4096 }, 0);
			for (int i = 0; i + 1 < args.length; i += 2) {
				final String v = args[i + 1];
				c = switch (args[i]) {
					case "--size" -> new Config(Integer.parseInt(v), c.tile, c.halo, c.blend, c.reps, c.heapSizes, c.threads);
					case "--tile" -> new Config(c.size, Integer.parseInt(v), c.halo, c.blend, c.reps, c.heapSizes, c.threads);
					case "--halo" -> new Config(c.size, c.tile, Integer.parseInt(v), c.blend, c.reps, c.heapSizes, c.threads);
					case "--blend" -> new Config(c.size, c.tile, c.halo, Integer.parseInt(v), c.reps, c.heapSizes, c.threads);
					case "--reps" -> new Config(c.size, c.tile, c.halo, c.blend, Integer.parseInt(v), c.heapSizes, c.threads);
					case "--heap-sizes" -> new Config(c.size, c.tile, c.halo, c.blend, c.reps, v.isEmpty() ? new int[0]
						: Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray(), c.threads);
					case "--threads" -> new Config(c.size, c.tile, c.halo, c.blend, c.reps, c.heapSizes, Integer.parseInt(v));
					default -> throw new IllegalArgumentException("unknown option " + args[i]);
				};
			}
			return c;
		}
	}

	/** Tiles per network call in the batched run. */
	static final int BATCH = 8;

	private TilingBenchmark() {}

	public static void main(final String[] args) throws IOException {
		run(Config.parse(args), System.out);
	}

	public static void run(final Config c, final PrintStream out) throws IOException {
		final Path dir = Files.createTempDirectory("restorej-bench");
		final SmallConvNet net = SmallConvNet.grey();
		final Path folder = RandomNetworks.export(net, 1, "conv16x3", new ModelDescription.Tiling(c.tile, c.halo), dir
			.resolve("conv"));
		try (LoadedModel model = LoadedModel.load(folder, ExecutionOptions.cpu().withThreads(c.threads))) {
			final Restorer restorer = Restorer.of(model);
			out.printf("Network: %s (%d 3x3 convolutions, %d channels wide), TensorFlow on CPU, %d processor(s)%n", model
				.description().name(), net.depth(), net.width(), Runtime.getRuntime().availableProcessors());
			if (c.reps > 0) timing(restorer, model, c, out);
			for (final int size : c.heapSizes)
				heap(restorer, size, c, out);
		}
	}

	private static RestoreOptions options(final int tile, final int halo, final int blend) {
		return RestoreOptions.defaults().withNormalization(Normalization.typeRange()).withTileSize(tile).withHalo(halo)
			.withBlend(blend).withLog(m -> {});
	}

	private static void timing(final Restorer restorer, final LoadedModel model, final Config c, final PrintStream out) {
		final int n = c.size;
		final ArrayImg<UnsignedShortType, ShortArray> image = sixteenBit(n);
		final RestoreOptions tiled = options(c.tile, c.halo, c.blend);
		final RestoreOptions whole = options(n, 0, 0);
		final TileGrid grid = restorer.plan(n, n, tiled);
		final TileGrid one = restorer.plan(n, n, whole);
		if (one.count() != 1) throw new IllegalStateException("the untiled run should be one tile");
		final float[] data = new float[n * n];
		final RestoreOptions batched = tiled.withBatch(BATCH);
		final double[] network = new double[c.reps], untiled = new double[c.reps], tiledTimes = new double[c.reps],
			batchedTimes = new double[c.reps];
		// warm up every shape once (TensorFlow prepares kernels per shape)
		restorer.restoreAsInputType(image, Axes.xy(), tiled);
		restorer.restoreAsInputType(image, Axes.xy(), batched);
		restorer.restoreAsInputType(image, Axes.xy(), whole);
		for (int r = 0; r < c.reps; r++) {
			long t0 = System.nanoTime();
			model.run(new NhwcArray(1, n, n, 1, data));
			network[r] = (System.nanoTime() - t0) / 1e9;
			t0 = System.nanoTime();
			restorer.restoreAsInputType(image, Axes.xy(), whole);
			untiled[r] = (System.nanoTime() - t0) / 1e9;
			t0 = System.nanoTime();
			restorer.restoreAsInputType(image, Axes.xy(), tiled);
			tiledTimes[r] = (System.nanoTime() - t0) / 1e9;
			t0 = System.nanoTime();
			restorer.restoreAsInputType(image, Axes.xy(), batched);
			batchedTimes[r] = (System.nanoTime() - t0) / 1e9;
		}
		final double mp = n * (double) n / 1e6;
		out.printf("%dx%d 16-bit image (%.1f MP); best of %d runs (median in brackets)%n", n, n, mp, c.reps);
		out.printf("  network alone, whole image  : %7.3f s  [%7.3f]%n", min(network), median(network));
		out.printf("  untiled (1 tile of %dx%d) : %7.3f s  [%7.3f]  %6.2f MP/s%n", one.x().inputSize(), one.y()
			.inputSize(), min(untiled), median(untiled), mp / min(untiled));
		out.printf("  tiled: %d tiles of %d, halo %d, blend %d (%.3fx pixels read)%n", grid.count(), grid.x()
			.inputSize(), tiled.halo(), tiled.blend() >= 0 ? tiled.blend() : RestoreOptions.defaultBlend(c.halo), grid
				.readFactor());
		out.printf("                                %7.3f s  [%7.3f]  %6.2f MP/s%n", min(tiledTimes), median(tiledTimes), mp /
			min(tiledTimes));
		out.printf("  overhead tiled / untiled    : %7.3f   [%7.3f]%n", min(tiledTimes) / min(untiled), median(tiledTimes) /
			median(untiled));
		out.printf("  tiled, %d tiles per call    : %7.3f s  [%7.3f]  %6.2f MP/s%n", BATCH, min(batchedTimes), median(
			batchedTimes), mp / min(batchedTimes));
		out.printf("  overhead batched / untiled  : %7.3f   [%7.3f]%n", min(batchedTimes) / min(untiled), median(
			batchedTimes) / median(untiled));
	}

	private static void heap(final Restorer restorer, final int n, final Config c, final PrintStream out) {
		final RandomAccessibleInterval<UnsignedShortType> computed = Patterns.computed16(n, n, 5);
		final RestoreOptions o = options(c.tile, c.halo, c.blend);
		final long before = HeapWatch.liveNow();
		final long outputBytes = 2L * n * n;
		try (HeapWatch watch = HeapWatch.start()) {
			final Img<UnsignedShortType> result = restorer.restoreAsInputType(computed, Axes.xy(), o);
			final long live = watch.maxLive() - before;
			out.printf("%dx%d computed 16-bit input -> 16-bit output (%.1f MB): heap live at most %.1f MB, " +
				"%.1f MB beyond the output (sampled peak incl. garbage %.1f MB)%n", n, n, outputBytes / 1e6, live / 1e6,
				(live - outputBytes) / 1e6, (watch.maxSampled() - before) / 1e6);
			if (result.firstElement() == null) throw new IllegalStateException();
		}
	}

	/** The test pattern as a stored 16-bit image. */
	static ArrayImg<UnsignedShortType, ShortArray> sixteenBit(final int n) {
		final ArrayImg<UnsignedShortType, ShortArray> img = ArrayImgs.unsignedShorts(n, n);
		final short[] a = img.update(null).getCurrentStorageArray();
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++)
				a[y * n + x] = (short) Math.round(65535 * Patterns.value(x, y, 5));
		return img;
	}

	private static double min(final double[] v) {
		return Arrays.stream(v).min().orElse(Double.NaN);
	}

	private static double median(final double[] v) {
		final double[] s = v.clone();
		Arrays.sort(s);
		return s[s.length / 2];
	}
}
