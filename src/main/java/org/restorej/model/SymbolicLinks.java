package org.restorej.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds symbolic links inside a folder that must hold its own files (a model folder, an unpacked package):
 * a link inside lets a folder passed around read or write elsewhere on the host (e.g. a SavedModel's
 * {@code variables} pointing at another model), so such folders are refused rather than checked link by link.
 */
public final class SymbolicLinks {

	private SymbolicLinks() {}

	/** The first symbolic link under {@code folder} (not following links), relative to it. */
	public static Optional<Path> firstIn(final Path folder) throws IOException {
		try (Stream<Path> all = Files.walk(folder)) {
			return all.filter(p -> !p.equals(folder) && Files.isSymbolicLink(p)).findFirst().map(folder::relativize);
		}
		catch (final UncheckedIOException e) {
			throw e.getCause();
		}
	}
}
