package org.restorej.io;

import java.nio.file.Path;

import org.restorej.RestoreJException;

/** The folder of an output cannot be written (read-only, no permission, not a folder). */
public class OutputNotWritableException extends RestoreJException {

	public OutputNotWritableException(final Path output, final Path folder, final String reason) {
		super("The output " + output + " cannot be written: its folder " + folder + " does not accept files (" + reason +
			"). Choose another output, or make the folder writable.");
	}
}
