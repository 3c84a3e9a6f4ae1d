package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.batch.BatchReport;
import org.restorej.batch.FolderRestore;
import org.restorej.cli.CommandLineTest.Run;
import org.restorej.imagej.TiffFiles;
import org.restorej.restore.SmallModels;
import org.restorej.restore.TestImages;

/**
 * A folder restore says what it does not restore: the other files by name, a file name refused as a
 * folder's output (a usage error), a missing output folder created with a line that says so.
 */
class FolderRestoreMessagesTest {

	@TempDir
	Path dir;

	private Path folderWithPngAndJpeg() throws Exception {
		final Path in = Files.createDirectories(dir.resolve("in"));
		TiffFiles.save(TestImages.grey16("a.tif", 40, 30, 1), in.resolve("a.tif"), false);
		Files.write(in.resolve("b.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		Files.write(in.resolve("c.jpg"), new byte[] { (byte) 0xFF, (byte) 0xD8 });
		Files.writeString(in.resolve(".hidden"), "never mentioned");
		return in;
	}

	@Test
	void otherFilesAreNamedAsSkippedAndAMissingOutputFolderIsAnnounced() throws Exception {
		final Path in = folderWithPngAndJpeg(), out = dir.resolve("new-out");
		final Run r = CommandLineTest.run("restore", "--model", SmallModels.grey().toString(), "--tile", "32", "--halo",
			"8", in.toString(), out.toString());
		assertEquals(0, r.exitCode(), r.err());
		assertTrue(r.out().contains("1 of 1 image(s)") && r.out().contains("skipped (neither TIFF") && r.out().contains(
			"b.png, c.jpg"), r.out());
		assertTrue(r.err().contains("in: skipped (neither TIFF"), "logged before the files run: " + r.err());
		assertTrue(r.err().contains("Created the output folder " + out), r.err());
		assertFalse(r.out().contains(".hidden") || r.err().contains(".hidden"));
		final Run again = CommandLineTest.run("restore", "--model", SmallModels.grey().toString(), "--tile", "32",
			"--halo", "8", "--overwrite", in.toString(), out.toString());
		assertFalse(again.err().contains("Created the output folder"), "said only when it is created");
	}

	@Test
	void aFileNameAsAFoldersOutputIsAUsageError() throws Exception {
		final Path in = folderWithPngAndJpeg();
		for (final String name : new String[] { "out.tif", "out.TIFF", "out.zarr" }) {
			final Run r = CommandLineTest.run("restore", "--model", SmallModels.grey().toString(), in.toString(), dir
				.resolve(name).toString());
			assertEquals(2, r.exitCode(), r.err());
			assertTrue(r.err().contains("is named like a file") && r.err().contains("e.g. " + dir.resolve("out")), r
				.err());
			assertFalse(Files.exists(dir.resolve(name)), "nothing created");
		}
	}

	@Test
	void theReportOfEveryFrontEndListsTheSkippedFiles() throws Exception {
		final Path in = folderWithPngAndJpeg();
		assertEquals(java.util.List.of(in.resolve("b.png"), in.resolve("c.jpg")), FolderRestore.skipped(in));
		final String summary = new BatchReport(in, dir, java.util.List.of(), FolderRestore.skipped(in)).summary();
		assertTrue(summary.endsWith("convert them to TIFF in ImageJ): b.png, c.jpg"), summary);
	}
}
