package org.restorej.model;

import java.nio.file.Path;

import org.restorej.RestoreJException;

/** A model description that cannot be used. */
public class InvalidModelException extends RestoreJException {

	public InvalidModelException(final Path file, final String problem) {
		super("The model description " + file + " cannot be used: " + problem +
			". Re-create the model folder with 'restorej import'.");
	}
}
