package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.cli.CommandLineTest.Run;
import org.restorej.imagej.TiffFiles;
import org.restorej.restore.SmallModels;
import org.restorej.restore.TestImages;

/** What the CLI prints: statistics in few digits, no "null" for what a model does not have, where the demo writes. */
class QuietAndExactMessagesTest {

	@TempDir
	Path dir;

	@Test
	void percentilesPrintInSevenSignificantDigits() throws Exception {
		final Path in = dir.resolve("cells.tif");
		TiffFiles.save(TestImages.grey16("cells.tif", 40, 30, 5), in, false);
		final Run r = CommandLineTest.run("restore", "--model", SmallModels.grey().toString(), "--tile", "32", "--halo",
			"8", "--normalize", "percentile", "--percentiles", "1.3,99.7", in.toString(), dir.resolve("out.tif")
				.toString());
		assertEquals(0, r.exitCode(), r.err());
		assertTrue(Pattern.compile("percentile 1\\.3 = -?[0-9.]+, percentile 99\\.7 = [0-9.]+ ").matcher(r.err())
			.find(), r.err());
		assertFalse(Pattern.compile("\\d\\.\\d{8,}").matcher(r.err()).find(), "no float noise: " + r.err());
	}

	@Test
	void infoOfATrainedModelShowsNoNullChecksum() {
		final Run r = CommandLineTest.run("info", "--model", "restormer-fluorescence-denoising");
		assertEquals(0, r.exitCode(), r.err());
		assertTrue(r.out().contains("Source:       trained by RestoreJ"), r.out());
		assertFalse(r.out().contains("null"), r.out());
	}

	@Test
	void theDemoWritesBesideTheJarWhereverItRunsFrom() {
		// the tests run from target/classes: the jar's folder is target/
		assertEquals(Path.of("target", "demo").toAbsolutePath(), DemoCommand.besideTheJar().toAbsolutePath());
		final Run r = CommandLineTest.run("demo", "--help");
		assertTrue(r.out().replaceAll("\\s+", " ").contains("demo/ beside restorej.jar, i.e. target/demo of the clone"),
			r.out());
	}
}
