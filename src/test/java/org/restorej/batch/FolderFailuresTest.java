package org.restorej.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.restorej.restore.FileStreaming;
import org.restorej.restore.ImageRestorer;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;

/**
 * A file whose restoration runs out of memory, or fails in a way nobody foresaw, is that file's
 * failure: the files after it are still restored, and the report counts it.
 */
class FolderFailuresTest {

	@Test
	void aFileThatExhaustsTheHeapFailsAloneAndTheNextOnesAreRestored(@TempDir final Path dir) throws Exception {
		final Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
		for (final String name : List.of("a.tif", "b-heap.tif", "c-bug.tif", "d.tif"))
			IJ.saveAsTiff(IJ.createImage(name, "16-bit ramp", 16, 16, 1), in.resolve(name).toString());
		// a stand-in for the engine: a copy, except for the files named to fail
		final ImageRestorer restorer = new ImageRestorer() {
			@Override
			public ImagePlus restore(final ImagePlus image, final RestoreSettings settings, final RunMonitor monitor) {
				if (image.getTitle().startsWith("b-")) throw new OutOfMemoryError("Java heap space");
				if (image.getTitle().startsWith("c-")) throw new IllegalArgumentException("an unforeseen failure");
				return image.duplicate();
			}

			@Override
			public void close() {}
		};
		final BatchReport report = FolderRestore.run(restorer, FileStreaming.NONE, in, out, RestoreSettings.defaults(),
			false, RunMonitor.SILENT, FolderRestore.Listener.NONE);
		assertEquals(2, report.written());
		assertEquals(2, report.failures().size());
		assertTrue(Files.isRegularFile(out.resolve("a.tif")) && Files.isRegularFile(out.resolve("d.tif")));
		assertFalse(Files.exists(out.resolve("b-heap.tif")) || Files.exists(out.resolve("c-bug.tif")));
		final String heap = report.failures().get(0).error(), bug = report.failures().get(1).error();
		assertTrue(heap.contains("not enough memory for " + in.resolve("b-heap.tif")) && heap.contains("-Xmx"), heap);
		assertTrue(bug.contains("IllegalArgumentException") && bug.contains("an unforeseen failure"), bug);
		assertTrue(report.summary().startsWith("2 of 4 image(s)"), report.summary());
	}
}
