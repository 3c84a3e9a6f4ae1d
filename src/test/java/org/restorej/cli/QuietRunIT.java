package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code restorej.jar}, run as a user runs it, prints no TensorFlow line on a normal restore. */
class QuietRunIT {

	@Test
	void restoreWithThePackagedJarPrintsOnlyRestoreJsLines(@TempDir final Path dir) throws Exception {
		final Path jar = Path.of("target/restorej.jar").toAbsolutePath();
		assertTrue(Files.isRegularFile(jar), "mvn verify packages target/restorej.jar before integration tests");
		final Path output = dir.resolve("restored.tif");
		final QuietRunTest.Run r = QuietRunTest.java(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-jar", jar.toString(), "restore", "--model", "restormer-fluorescence-denoising",
			"models/samples/fluorescence-denoising-noisy.tif", output.toString()), dir);
		assertEquals(0, r.exitCode(), r.err());
		assertTrue(Files.isRegularFile(output));
		assertFalse(QuietRunTest.TENSORFLOW_LINE.matcher(r.err()).find(), r.err());
		assertTrue(r.err().contains("Model restormer-fluorescence-denoising runs on CPU:0 (requested: cpu)"), r.err());
	}
}
