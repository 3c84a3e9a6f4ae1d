package org.restorej.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.restorej.array.NhwcArray;
import org.restorej.engine.Progress;
import org.restorej.engine.TileNetwork;
import org.restorej.export.ModelExporter;
import org.restorej.export.Preset;
import org.restorej.nn.RandomWeights;
import org.restorej.restore.OutputCompression;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.local.EngineOptions;
import org.restorej.restore.local.ModelCache;
import org.restorej.restore.local.StreamingRestore;
import org.restorej.tiff.SampleType;

/**
 * A whole restore as the command line runs it (16-bit tiled TIFF in, TIFF out, the model's default
 * tiling and normalisation), at half the side and at the side, with the model loaded once: megapixels
 * per second, the time spent inside the network calls, the ratio of the wall time to it (what tiling,
 * normalisation, blending and file IO add), and the process's peak resident memory for each size, which
 * must not grow with the image.
 */
public final class EndToEndBenchmark {

	/**
	 * One restore: its size, wall and network seconds, network calls, tile pixels computed, peak RSS and the
	 * most heap still live after a collection (RSS minus that is TensorFlow's and the JVM's native memory and
	 * heap garbage).
	 */
	public record Figures(String model, long side, double wallSeconds, double networkSeconds, long calls,
		long tilePixels, long peakRssBytes, long liveHeapBytes)
	{
		public double megapixelsPerSecond() {
			return side * (double) side / 1e6 / wallSeconds;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%s, %d x %d 16-bit: %.1f s wall, %.3f MP/s; network calls %d taking " +
				"%.1f s (wall / network = %.3fx); tiles cover %.2fx the image; peak RSS %.0f MB, live heap at most %.0f MB", model, side, side,
				wallSeconds, megapixelsPerSecond(), calls, networkSeconds, wallSeconds / networkSeconds, tilePixels /
					(side * (double) side), peakRssBytes / 1e6, liveHeapBytes / 1e6);
		}
	}

	private EndToEndBenchmark() {}

	/** The full-size official Restormer for grey images with seeded random weights, written to {@code dir}. */
	public static Path fullSizeRestormer(final Path dir) throws IOException {
		final Preset preset = Preset.RESTORMER_GAUSSIAN_GRAY_DENOISING;
		ModelExporter.export(preset.network(), RandomWeights.of(preset.network(), 20261203L), new ModelExporter.Origin("random weights", null, preset
			.id()), preset.card(), dir, true, null);
		return dir;
	}

	/**
	 * Restores generated {@code side/2} and {@code side} square 16-bit images with {@code model} (a model
	 * folder) in {@code work}; the figures of both.
	 */
	public static List<Figures> run(final String name, final Path model, final Path work, final long side,
		final int threads, final Consumer<Progress> progress) throws IOException
	{
		Files.createDirectories(work);
		final AtomicLong nanos = new AtomicLong(), calls = new AtomicLong(), pixels = new AtomicLong();
		final List<Figures> figures = new ArrayList<>();
		try (ModelCache models = new ModelCache(network -> timed(network, nanos, calls, pixels))) {
			final StreamingRestore restore = new StreamingRestore(models, model);
			final RestoreSettings settings = RestoreSettings.fromOptions("", "", "", "", "", false, "same", "cpu",
				threads);
			for (final long s : new long[] { side / 2, side }) {
				final Path input = work.resolve("input-" + s + ".tif"), output = work.resolve("restored-" + s + ".tif");
				SyntheticTiff.write(input, s, s, SampleType.UINT16, false);
				// the first call loads the model: load it before the clock starts
				models.restorer(model, EngineOptions.execution(settings), m -> {});
				nanos.set(0);
				calls.set(0);
				pixels.set(0);
				final long wallNanos, liveHeap;
				try (HeapWatch heap = HeapWatch.start()) {
					ResidentMemory.resetPeak();
					final long t0 = System.nanoTime();
					restore.restore(input, output, settings, OutputCompression.NONE, true, new RunMonitor(progress,
						() -> false, m -> {}));
					wallNanos = System.nanoTime() - t0;
					liveHeap = heap.maxLive();
				}
				figures.add(new Figures(name, s, wallNanos / 1e9, nanos.get() / 1e9, calls.get(), pixels.get(),
					ResidentMemory.peak(), liveHeap));
				Files.delete(input);
				Files.delete(output);
			}
		}
		return figures;
	}

	private static TileNetwork timed(final TileNetwork network, final AtomicLong nanos, final AtomicLong calls,
		final AtomicLong pixels)
	{
		return new TileNetwork() {
			@Override
			public NhwcArray run(final NhwcArray tiles) {
				final long t0 = System.nanoTime();
				final NhwcArray out = network.run(tiles);
				nanos.addAndGet(System.nanoTime() - t0);
				calls.incrementAndGet();
				pixels.addAndGet((long) tiles.batch() * tiles.height() * tiles.width());
				return out;
			}

			@Override
			public String device() {
				return network.device();
			}
		};
	}
}
