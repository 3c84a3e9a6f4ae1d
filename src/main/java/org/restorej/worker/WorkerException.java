package org.restorej.worker;

import org.restorej.RestoreJException;

/**
 * The worker process could not be started, stopped unexpectedly, or reported a failure; the message
 * says which, with the worker's own words or the end of its log.
 */
public class WorkerException extends RestoreJException {

	public WorkerException(final String message) {
		super(message);
	}

	public WorkerException(final String message, final Throwable cause) {
		super(message, cause);
	}
}
