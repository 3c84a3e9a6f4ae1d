package org.restorej.runtime;

import org.restorej.RestoreJException;

/** An input whose shape the model cannot take. */
public class InputSizeException extends RestoreJException {

	public InputSizeException(final String message) {
		super(message);
	}
}
