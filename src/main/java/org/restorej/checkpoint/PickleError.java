package org.restorej.checkpoint;

/**
 * A malformed or unsupported construct found while interpreting a pickle. Internal: the unpickler
 * turns it into a {@link CheckpointException} that names the file and the byte position.
 */
final class PickleError extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final boolean unsupported;

	private PickleError(final String message, final boolean unsupported) {
		super(message, null, false, false);
		this.unsupported = unsupported;
	}

	static PickleError malformed(final String message) {
		return new PickleError(message, false);
	}

	/** Valid pickle, but outside what a state dict needs. */
	static PickleError unsupported(final String message) {
		return new PickleError(message, true);
	}

	boolean isUnsupported() {
		return unsupported;
	}
}
