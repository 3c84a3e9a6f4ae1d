package org.restorej;

/**
 * Base of every failure a user can act on. Subclasses name the failing input and the remedy in
 * their message, so that the message alone (without a stack trace) tells the user what to do.
 */
public class RestoreJException extends RuntimeException {

	public RestoreJException(final String message) {
		super(message);
	}

	public RestoreJException(final String message, final Throwable cause) {
		super(message, cause);
	}
}
