package org.restorej.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outputs still being written under their temporary names. If the JVM shuts down first (Ctrl-C on the
 * command line, a worker stopped by its parent), a shutdown hook deletes them, so that an interrupted
 * run leaves nothing behind, as a failed one does.
 */
public final class PartialFiles {

	private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(PartialFiles::deleteAll, "restorej-partial-files"));
	}

	private PartialFiles() {}

	/** {@code file} is being written: delete it if the JVM stops before {@link #done}. */
	public static void writing(final Path file) {
		OPEN.add(file);
	}

	/** {@code file} was renamed to its final name or deleted. */
	public static void done(final Path file) {
		OPEN.remove(file);
	}

	private static void deleteAll() {
		for (final Path p : OPEN)
			try {
				delete(p);
			}
			catch (final IOException e) {
				// shutting down: nobody is left to tell
			}
	}

	/** Deletes a file, or a folder with everything in it (an OME-Zarr output); nothing if absent. */
	public static void delete(final Path p) throws IOException {
		if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) try (var s = Files.walk(p)) {
			for (final Path q : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator)
				Files.deleteIfExists(q);
		}
		else Files.deleteIfExists(p);
	}
}
