package org.restorej.zarr;

import java.nio.file.Path;

import org.restorej.RestoreJException;

/** An OME-Zarr image or Zarr array that cannot be read: missing metadata, a corrupt chunk, or a layout RestoreJ does not read. */
public class InvalidZarrException extends RestoreJException {

	public InvalidZarrException(final Path path, final String problem, final String remedy) {
		super("Cannot read " + path + ": " + problem + ". " + remedy);
	}

	public InvalidZarrException(final Path path, final String problem, final String remedy, final Throwable cause) {
		super("Cannot read " + path + ": " + problem + ". " + remedy, cause);
	}
}
