package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.restorej.restore.SmallModels;
import org.restorej.restore.StreamedTiffs;

/**
 * {@code restorej restore} stopped as a scheduler, {@code kill} or {@code docker stop} stops it: a
 * SIGTERM to the command's process ends the child JVM doing the work too, with no output and no
 * partial file left and no stack trace; a SIGKILL, which the command cannot act on, still ends the
 * child, which deletes its partial output as it goes.
 */
class StoppedRunTest {

	@TempDir
	Path dir;

	@Test
	void aSigtermToTheCommandStopsItsChildAndLeavesNothing() throws Exception {
		final Started run = startRestore();
		run.command().destroy(); // SIGTERM
		assertEnded(run);
		final String err = Files.readString(run.err());
		assertFalse(err.contains("Shutdown in progress") || err.contains("\tat "), err);
		assertEquals(List.of(), listing(run.output().getParent()), "no output, no partial file");
	}

	@Test
	void aSigkillOfTheCommandStillEndsItsChildWhichDeletesItsPartialOutput() throws Exception {
		final Started run = startRestore();
		run.command().destroyForcibly(); // SIGKILL
		assertEnded(run);
		assertEquals(List.of(), listing(run.output().getParent()), "no output, no partial file");
	}

	private record Started(Process command, ProcessHandle child, Path output, Path err) {}

	/** Starts a streamed restore as a user would, and returns once the child is writing the output. */
	private Started startRestore() throws Exception {
		// large enough to take a while with tiles of 32: the stop comes long before the end
		final Path in = StreamedTiffs.write(dir.resolve("in.tif"), 3000, 3000, ByteOrder.LITTLE_ENDIAN);
		final Path output = dir.resolve("out").resolve("restored.tif"), err = dir.resolve("err.txt");
		final ProcessBuilder pb = new ProcessBuilder(QuietRunTest.restorej("restore", "--model", SmallModels.grey()
			.toString(), "--tile", "32", "--halo", "8", in.toString(), output.toString())).redirectOutput(dir.resolve(
				"out.txt").toFile()).redirectError(err.toFile());
		pb.environment().remove(QuietLauncher.LEVEL_VARIABLE); // as a user runs it: through the launcher
		final Process command = pb.start();
		Optional<ProcessHandle> child = Optional.empty();
		// a guard only: the child starts and opens its output in seconds
		final long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while ((child.isEmpty() || listing(output.getParent()).isEmpty()) && command.isAlive() && System.nanoTime() < giveUp) {
			Thread.sleep(100);
			child = command.toHandle().children().findFirst();
		}
		assertTrue(command.isAlive() && child.isPresent() && !listing(output.getParent()).isEmpty(),
			"the child is writing its partial output: " + Files.readString(err));
		assertFalse(Files.exists(output), "the output is complete only at the end");
		return new Started(command, child.get(), output, err);
	}

	private static void assertEnded(final Started run) throws Exception {
		// guards against a process left running, not timings: a stopped run ends in a second or two
		assertTrue(run.command().waitFor(2, TimeUnit.MINUTES), "the command ended");
		run.child().onExit().get(2, TimeUnit.MINUTES);
		assertFalse(run.child().isAlive(), "the child ended");
	}

	private static List<Path> listing(final Path folder) throws IOException {
		if (!Files.isDirectory(folder)) return List.of();
		try (Stream<Path> s = Files.list(folder)) {
			return s.toList();
		}
	}
}
