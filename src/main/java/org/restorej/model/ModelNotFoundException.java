package org.restorej.model;

import java.nio.file.Path;

import org.restorej.RestoreJException;

/** No RestoreJ model at the given place. */
public class ModelNotFoundException extends RestoreJException {

	public ModelNotFoundException(final Path where) {
		this(where, java.util.List.of());
	}

	/** @param installed the names a model can be given by, listed so that a misspelt one is seen at once */
	public ModelNotFoundException(final Path where, final java.util.List<String> installed) {
		super("No RestoreJ model at " + where + ": a model folder holds " + ModelDescription.FILE_NAME +
			" and saved_model/. Create one with 'restorej import CHECKPOINT.pth -o FOLDER --preset NAME' (the " +
			"CLI's import; Fiji: Import Checkpoint), or pass the name of an installed model" + (installed.isEmpty() ? "" : ": " +
				String.join(", ", installed)) + ".");
	}

	public ModelNotFoundException(final String message) {
		super(message);
	}
}
