package org.restorej.restore.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.bench.SyntheticTiff;
import org.restorej.restore.OutputCompression;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.SmallModels;
import org.restorej.tiff.SampleType;

/** A cache built with a network decorator sends every tile call through it and changes nothing else. */
class ModelCacheTest {

	@Test
	void everyNetworkCallGoesThroughTheDecoratorAndTheResultIsUnchanged(@TempDir final Path dir) throws IOException {
		final Path input = dir.resolve("in.tif");
		SyntheticTiff.write(input, 300, 200, SampleType.UINT16, false);
		final RestoreSettings settings = RestoreSettings.fromOptions("128", "", "", "", "", false, "same", "cpu", 1);
		final AtomicLong calls = new AtomicLong(), pixels = new AtomicLong();
		final Path plain = dir.resolve("plain.tif"), decorated = dir.resolve("decorated.tif");
		try (ModelCache models = new ModelCache()) {
			new StreamingRestore(models, SmallModels.grey()).restore(input, plain, settings, OutputCompression.NONE,
				false, new RunMonitor(p -> {}, () -> false, m -> {}));
		}
		try (ModelCache models = new ModelCache(network -> tiles -> {
			calls.incrementAndGet();
			pixels.addAndGet((long) tiles.batch() * tiles.height() * tiles.width());
			return network.run(tiles);
		})) {
			new StreamingRestore(models, SmallModels.grey()).restore(input, decorated, settings, OutputCompression.NONE,
				false, new RunMonitor(p -> {}, () -> false, m -> {}));
		}
		assertTrue(calls.get() >= 4, "tiles of 128 over 300x200 need several calls: " + calls);
		assertTrue(pixels.get() >= 300 * 200, "the calls cover the image: " + pixels);
		assertEquals(-1, Files.mismatch(plain, decorated), "same bytes with and without the decorator");
	}
}
