package org.restorej.imagej;

import org.restorej.RestoreJException;

/** An image that cannot be restored as given: none at all, empty, or of an unsupported kind. */
public class InvalidImageException extends RestoreJException {

	public InvalidImageException(final String message) {
		super(message);
	}

	public InvalidImageException(final String message, final Throwable cause) {
		super(message, cause);
	}
}
