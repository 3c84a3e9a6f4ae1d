package org.restorej.checkpoint;

import java.nio.file.Path;

import org.restorej.RestoreJException;

/**
 * A PyTorch checkpoint could not be loaded. The message names the file and what is wrong with it,
 * so that it can be shown to a user as is.
 */
public class CheckpointException extends RestoreJException {

	private final Path file;

	public CheckpointException(final String message) {
		super(message);
		this.file = null;
	}

	public CheckpointException(final String message, final Throwable cause) {
		super(message, cause);
		this.file = null;
	}

	/** @param problem what is wrong, phrased to follow "Cannot load PyTorch checkpoint FILE: " */
	public CheckpointException(final Path file, final String problem) {
		super(compose(file, problem));
		this.file = file;
	}

	public CheckpointException(final Path file, final String problem, final Throwable cause) {
		super(compose(file, problem), cause);
		this.file = file;
	}

	/** The checkpoint file concerned, or {@code null} if the exception was made without one. */
	public Path file() {
		return file;
	}

	static String compose(final Path file, final String problem) {
		return "Cannot load PyTorch checkpoint " + file + ": " + problem;
	}
}
