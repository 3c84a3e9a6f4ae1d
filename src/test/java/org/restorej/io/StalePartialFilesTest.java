package org.restorej.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a killed run leaves (a streamed {@code .part.tif}, a half-unpacked package, the Fiji side's plane
 * files) carries its process id, and the next run of the same kind removes it once that process is gone;
 * what a running process writes, or another host, or another program, is left alone.
 */
class StalePartialFilesTest {

	@TempDir
	Path dir;

	@Test
	void onlyTheLeftoversOfEndedProcessesOnThisHostAreRemoved() throws Exception {
		final String dead = deadOwner(), alive = PartialFiles.owner();
		final String otherHost = dead.replaceFirst("@[^-]*-", "@elsewhere-");
		final Path stale = Files.createDirectories(dir.resolve("key.partial-" + dead + "123"));
		Files.writeString(stale.resolve("weights.bin"), "half of it");
		final Path running = Files.createDirectories(dir.resolve("key.partial-" + alive + "456"));
		final Path remote = Files.createDirectories(dir.resolve("key.partial-" + otherHost + "789"));
		final Path unrelated = Files.createDirectories(dir.resolve("key.partial-notapid-1"));
		assertEquals(List.of(stale), PartialFiles.removeStale(dir, "key.partial-", ""));
		assertFalse(Files.exists(stale));
		assertTrue(Files.exists(running) && Files.exists(remote) && Files.exists(unrelated));
	}

	@Test
	void writingAnOutputRemovesWhatAKilledWriteOfItLeft() throws Exception {
		final Path target = dir.resolve("restored.tif");
		final Path left = Files.writeString(dir.resolve(".restored.tif." + deadOwner() + "1f2e.part.tif"), "half");
		final Path another = Files.writeString(dir.resolve(".other.tif." + deadOwner() + "1f2e.part.tif"), "half");
		try (OutputFile out = OutputFile.create(target, false)) {
			assertFalse(Files.exists(left), "the same output's leftover is removed");
			assertTrue(Files.exists(another), "another output's is that output's business");
			assertTrue(out.temporary().getFileName().toString().contains(PartialFiles.owner()), out.temporary().toString());
		}
	}

	/** The owner tag of a process that has ended. */
	private static String deadOwner() throws Exception {
		final Process p = new ProcessBuilder("true").start();
		p.waitFor();
		return PartialFiles.owner().replaceFirst("^\\d+", Long.toString(p.pid()));
	}
}
