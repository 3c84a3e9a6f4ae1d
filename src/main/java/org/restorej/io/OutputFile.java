package org.restorej.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;


/**
 * The one way RestoreJ writes an output file: under a temporary name in the target's folder, renamed
 * onto the target when complete, so that a failed, cancelled or interrupted write never leaves a
 * half-written file under the final name (nor, through {@link PartialFiles}, a temporary one). An
 * existing target is refused unless overwriting is allowed, both before writing and at the rename.
 *
 * <pre>{@code
 * try (OutputFile out = OutputFile.create(target, overwrite)) {
 *   write(out.temporary());
 *   out.commit();
 * }
 * }</pre>
 */
public final class OutputFile implements AutoCloseable {

	/** What to tell the user whose output exists. */
	public static final String OVERWRITE_REMEDY = "pass overwrite (--overwrite on the command line) to replace it, " +
		"or choose another output.";

	private final Path target, temp;
	private final boolean overwrite;
	private boolean committed, closed;

	private OutputFile(final Path target, final Path temp, final boolean overwrite) {
		this.target = target;
		this.temp = temp;
		this.overwrite = overwrite;
	}

	/**
	 * Starts writing {@code target}: creates its folder and chooses a temporary name beside it (the file
	 * itself is not created: the writer does that).
	 *
	 * @throws OutputExistsException if {@code target} exists and {@code overwrite} is false
	 * @throws UncheckedIOException if the folder cannot be created
	 */
	public static OutputFile create(final Path target, final boolean overwrite) {
		if (Files.exists(target) && !overwrite) throw new OutputExistsException(target, OVERWRITE_REMEDY);
		final Path absolute = target.toAbsolutePath();
		final Path dir = absolute.getParent();
		try {
			Files.createDirectories(dir);
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot create the folder " + dir + " for " + target + ": " + e.getMessage(), e);
		}
		final String name = absolute.getFileName().toString();
		final int dot = name.lastIndexOf('.');
		final String extension = dot > 0 ? name.substring(dot) : "";
		// what a killed run of this same output left
		PartialFiles.removeStale(dir, "." + name + ".", ".part" + extension);
		final Path temp = dir.resolve("." + name + "." + PartialFiles.owner() + Long.toHexString(ThreadLocalRandom
			.current().nextLong()) + ".part" + extension);
		PartialFiles.writing(temp);
		return new OutputFile(absolute, temp, overwrite);
	}

	/**
	 * Checks, before anything is computed for it, that {@code target} can be written: its folder exists or is
	 * created, and a file can be created in it. Tried rather than read from permission bits, which neither a
	 * read-only mount nor a root user shows.
	 *
	 * @throws OutputNotWritableException naming the folder otherwise
	 */
	public static void checkWritable(final Path target) {
		final Path dir = target.toAbsolutePath().getParent();
		try {
			Files.createDirectories(dir);
			Files.delete(Files.createTempFile(dir, ".restorej-", ".probe"));
		}
		catch (final IOException | UnsupportedOperationException e) {
			throw new OutputNotWritableException(target, dir, e.toString());
		}
	}

	/** Where to write: a file beside the target, deleted unless {@link #commit()}ted. */
	public Path temporary() {
		return temp;
	}

	public Path target() {
		return target;
	}

	/**
	 * Renames the temporary file onto the target, atomically.
	 *
	 * @throws OutputExistsException if the target appeared meanwhile and may not be replaced
	 * @throws IOException if nothing was written or the rename fails
	 */
	public void commit() throws IOException {
		if (committed) return;
		if (closed) throw new IllegalStateException("the output " + target + " was closed without a commit");
		if (!Files.exists(temp)) throw new IOException("Nothing was written for " + target + " (is the folder " +
			"writable, is there space left?)");
		if (Files.exists(target) && !overwrite) throw new OutputExistsException(target,
			"it was created while this image was written; choose another output.");
		if (Files.isDirectory(temp) && Files.exists(target)) {
			// a folder (OME-Zarr) cannot replace a folder in one rename: the old one steps aside first
			final Path old = temp.resolveSibling(temp.getFileName() + ".old");
			Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
			PartialFiles.delete(old);
		}
		else Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		committed = true;
		PartialFiles.done(temp);
	}

	public boolean committed() {
		return committed;
	}

	/** Without a commit, deletes the temporary file: nothing is left behind. */
	@Override
	public void close() {
		if (closed) return;
		closed = true;
		try {
			if (!committed) PartialFiles.delete(temp);
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot delete the unfinished " + temp + ": " + e.getMessage(), e);
		}
		finally {
			PartialFiles.done(temp);
		}
	}
}
