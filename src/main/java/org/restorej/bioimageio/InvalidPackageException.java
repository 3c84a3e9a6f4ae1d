package org.restorej.bioimageio;

import java.nio.file.Path;

import org.restorej.RestoreJException;

/** A bioimage.io package that is broken: unreadable, incomplete, or files that do not match their sha256. */
public class InvalidPackageException extends RestoreJException {

	public InvalidPackageException(final Path where, final String problem) {
		super("The bioimage.io package " + where + " cannot be used: " + problem +
			". Download or export the package again.");
	}
}
