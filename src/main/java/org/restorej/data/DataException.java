package org.restorej.data;

import org.restorej.RestoreJException;

/** Training or test data that cannot be used as given; the message names the file and the remedy. */
public class DataException extends RestoreJException {

	public DataException(final String message) {
		super(message);
	}

	public DataException(final String message, final Throwable cause) {
		super(message, cause);
	}
}
