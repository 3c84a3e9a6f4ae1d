package org.restorej.runtime;

import java.nio.file.Path;

import org.restorej.RestoreJException;

/**
 * A model folder whose SavedModel declares more than a model of its size needs (a constant, a shape or a
 * list count that would make TensorFlow allocate without bound before anything runs).
 */
public class GraphBudgetException extends RestoreJException {

	public GraphBudgetException(final Path modelDir, final String problem) {
		super("The model folder " + modelDir + " is refused: in its SavedModel, " + problem + ", more than a " +
			"model of its size declares. Do not run model folders of unknown origin; re-import the model from its " +
			"checkpoint instead (restorej import CHECKPOINT.pth -o FOLDER).");
	}
}
