package org.restorej.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

import org.restorej.engine.Progress;
import org.restorej.model.ModelDescription;
import org.restorej.restore.OutputCompression;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.StreamingMode;
import org.restorej.restore.local.LocalImageRestorer;
import org.restorej.restore.local.StreamingResult;
import org.restorej.tiff.SampleType;

/**
 * Restores an image larger than memory from BigTIFF to BigTIFF: writes a {@code side x side} 8-bit
 * test image (band by band), restores it through the command line's streaming path with a small
 * random convolutional network in 8-bit, and reports wall time, pixel rate, file IO rate and peak
 * heap. What it measures is the streaming machinery (reading, tiling, writing), not a network.
 */
public final class LargeImageBenchmark {

	/** Two 3x3 layers, 8 channels wide: cheap enough that reading and writing show in the figures. */
	static final SmallConvNet NETWORK = new SmallConvNet(1, 1, 8, 2, 8);

	private LargeImageBenchmark() {}

	public static String run(final Path work, final long side, final int tile, final Consumer<Progress> progress)
		throws IOException
	{
		Files.createDirectories(work);
		final Path model = NETWORK.exportRandom(20261123L, "streaming-bench-conv", new ModelDescription.Tiling(tile, 8),
			work.resolve("model"));
		final Path input = work.resolve("input.tif"), output = work.resolve("restored.tif");
		final long t0 = System.nanoTime();
		final long inputBytes = SyntheticTiff.write(input, side, side, SampleType.UINT8, false);
		final double genSeconds = (System.nanoTime() - t0) / 1e9;
		final RestoreSettings settings = RestoreSettings.fromOptions("", "", "", "", "", false, "same", "cpu", 0);
		final StreamingResult r;
		final long maxLive, maxSampled;
		try (LocalImageRestorer restorer = new LocalImageRestorer(model); HeapWatch heap = HeapWatch.start()) {
			r = restorer.streaming(StreamingMode.ON, OutputCompression.NONE).stream(input, output,
				settings, true, new RunMonitor(progress, () -> false, m -> {}));
			maxLive = heap.maxLive();
			maxSampled = heap.maxSampled();
		}
		final long outputBytes = Files.size(output);
		return String.format(Locale.ROOT, "Streaming restore of a %d x %d 8-bit image (%.2f Gpixels, %s 2^31) with a " +
			"2-layer 8-channel conv net, tile %d, BigTIFF -> BigTIFF, heap limit %d MB:%n" +
			"  input written in %.1f s (%.0f MB/s), %.1f MB%n" +
			"  restore: %.1f s wall, %.1f MP/s, IO %.1f MB read + %.1f MB written = %.1f MB/s%n" +
			"  peak heap: %.1f MB live after GC, %.1f MB sampled (including garbage)%n" +
			"  output %.1f MB", side, side, side * (double) side / 1e9, side * side > 1L << 31 ? ">" : "<=", tile, Runtime
				.getRuntime().maxMemory() >> 20, genSeconds, inputBytes / 1e6 / genSeconds, inputBytes / 1e6, r.seconds(),
			r.samples() / 1e6 / r.seconds(), r.bytesRead() / 1e6, r.bytesWritten() / 1e6, r.ioMegabytesPerSecond(),
			maxLive / 1e6, maxSampled / 1e6, outputBytes / 1e6);
	}
}
