package org.restorej.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

	/**
	 * This process in the names of its temporary files ({@code PID@HOST-}), so that a later run can tell
	 * the leftovers of a killed one ({@link #removeStale}) from those of a run still going, here or on
	 * another host sharing the folder.
	 */
	public static String owner() {
		return ProcessHandle.current().pid() + "@" + Host.NAME + "-";
	}

	/**
	 * Deletes the entries of {@code dir} named {@code prefix + owner() + ... + suffix} whose process has
	 * ended (on this host), and returns them: what a killed run could not delete. Others are left alone.
	 */
	public static List<Path> removeStale(final Path dir, final String prefix, final String suffix) {
		final List<Path> removed = new ArrayList<>();
		try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> staleName(p.getFileName().toString(), prefix,
			suffix)))
		{
			for (final Path p : s)
				try {
					delete(p);
					removed.add(p);
				}
				catch (final IOException e) {
					// another run removes it meanwhile, or it cannot be removed: it is no concern of this run
				}
		}
		catch (final IOException e) {
			// an unreadable or missing folder holds nothing to remove
		}
		return removed;
	}

	private static boolean staleName(final String name, final String prefix, final String suffix) {
		if (!name.startsWith(prefix) || !name.endsWith(suffix)) return false;
		final String rest = name.substring(prefix.length());
		final int at = rest.indexOf('@'), end = rest.indexOf('-', Math.max(at, 0));
		if (at < 1 || end < 0 || !rest.substring(at + 1, end).equals(Host.NAME)) return false;
		try {
			return ProcessHandle.of(Long.parseLong(rest.substring(0, at))).map(h -> !h.isAlive()).orElse(true);
		}
		catch (final NumberFormatException e) {
			return false;
		}
	}

	/** This host's name, read once, with '-' and '@' (the separators of {@link #owner()}) replaced. */
	private static final class Host {
		static final String NAME = name();

		private static String name() {
			String n;
			try {
				n = java.net.InetAddress.getLocalHost().getHostName();
			}
			catch (final IOException e) {
				n = "localhost";
			}
			return n.replaceAll("[-@/]", "_");
		}
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
