package org.restorej.model;

import java.nio.file.Path;

import org.restorej.RestoreJException;

/** No RestoreJ model at the given place. */
public class ModelNotFoundException extends RestoreJException {

	public ModelNotFoundException(final Path where) {
		super("No RestoreJ model at " + where + ": a model folder holds " + ModelDescription.FILE_NAME +
			" and saved_model/. Create one with 'restorej import CHECKPOINT.pth -o FOLDER --preset NAME', " +
			"or pass the name of a bundled model.");
	}

	public ModelNotFoundException(final String message) {
		super(message);
	}
}
