package org.restorej.batch;

import java.nio.file.Path;

import org.restorej.RestoreJException;

/** A folder restore given a file name (out.tif, out.zarr) as its output: the output of a folder is a folder. */
public final class FolderOutputNameException extends RestoreJException {

	public FolderOutputNameException(final Path input, final Path output) {
		super("The output " + output + " is named like a file, but the input " + input + " is a folder: give an " +
			"output folder (created if missing), e.g. " + output.resolveSibling(stem(output)) + ".");
	}

	private static String stem(final Path p) {
		final String n = p.getFileName().toString();
		final int dot = n.lastIndexOf('.');
		return dot > 0 ? n.substring(0, dot) : n + "-restored";
	}
}
