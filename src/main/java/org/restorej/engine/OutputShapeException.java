package org.restorej.engine;

import java.util.Arrays;

import org.restorej.RestoreJException;

/** The output image given by the caller does not have the shape the restored image will have. */
public class OutputShapeException extends RestoreJException {

	public OutputShapeException(final String image, final long[] expected, final long[] actual) {
		super("The output for " + image + " must have dimensions " + Arrays.toString(expected) + " (the input's, " +
			"with the model's output channel count on the channel axis), but has " + Arrays.toString(actual) +
			". Create it with Restorer.outputDimensions(...) or let the restorer create it.");
	}
}
