package org.restorej.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import ij.ImagePlus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.io.OutputFile;
import org.restorej.restore.FileStreaming;
import org.restorej.restore.ImageRestorer;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;

/** An output that cannot be written is reported before any image is read or restored, naming its folder. */
class UnwritableOutputTest {

	@TempDir
	Path dir;

	/** A restorer that must never be reached. */
	private static final ImageRestorer UNREACHED = new ImageRestorer() {
		@Override
		public ImagePlus restore(final ImagePlus image, final RestoreSettings settings, final RunMonitor monitor) {
			throw new AssertionError("restored although the output cannot be written");
		}

		@Override
		public void close() {}
	};

	@Test
	void anOutputFolderThatAcceptsNoFilesFailsBeforeTheRestoration() {
		// /proc takes no new files, not even from root (for whom permission bits do not count)
		final Path out = Path.of("/proc/self/restored.tif");
		final FileOutcome outcome = FolderRestore.restoreOne(UNREACHED, FileStreaming.NONE, dir.resolve("in.tif"), out,
			RestoreSettings.defaults(), false, RunMonitor.SILENT);
		assertFalse(outcome.ok());
		assertTrue(outcome.error().contains("its folder /proc/self does not accept files") && outcome.error().contains(
			"Choose another output"), outcome.error());
	}

	@Test
	void aWritableFolderPassesAndKeepsNoProbe() throws Exception {
		OutputFile.checkWritable(dir.resolve("sub/out.tif"));
		try (Stream<Path> left = Files.list(dir.resolve("sub"))) {
			assertEquals(List.of(), left.toList());
		}
	}
}
