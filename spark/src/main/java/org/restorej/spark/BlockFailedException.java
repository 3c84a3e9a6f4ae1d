package org.restorej.spark;

import org.restorej.RestoreJException;

/** A block of the output could not be restored or written: names the block, the input and the cause. */
public final class BlockFailedException extends RestoreJException {

	private static final long serialVersionUID = 1L;

	public BlockFailedException(final OutputBlock block, final String input, final Throwable cause) {
		super("Block " + block + " of " + input + " failed: " + describe(cause), cause);
	}

	private static String describe(final Throwable t) {
		final String m = t.getMessage();
		return m == null || m.isBlank() ? t.getClass().getName() : m;
	}
}
