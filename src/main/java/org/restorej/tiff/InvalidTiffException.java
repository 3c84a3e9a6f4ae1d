package org.restorej.tiff;

import java.nio.file.Path;

import org.restorej.RestoreJException;

/** A TIFF file that cannot be read: truncated, corrupt, or of a layout RestoreJ does not read. */
public class InvalidTiffException extends RestoreJException {

	public InvalidTiffException(final Path file, final String problem, final String remedy) {
		super("Cannot read " + file + ": " + problem + ". " + remedy);
	}

	public InvalidTiffException(final Path file, final String problem, final String remedy, final Throwable cause) {
		super("Cannot read " + file + ": " + problem + ". " + remedy, cause);
	}
}
