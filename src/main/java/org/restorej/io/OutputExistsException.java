package org.restorej.io;

import java.nio.file.Path;

import org.restorej.RestoreJException;

/** The output file exists (or is the input) and may not be replaced. */
public class OutputExistsException extends RestoreJException {

	public OutputExistsException(final Path output, final String remedy) {
		super("The output " + output + " exists: " + remedy);
	}
}
