package org.restorej.engine;

import org.restorej.RestoreJException;

/** The axes given for an image do not match its dimensions. */
public class AxesMismatchException extends RestoreJException {

	public AxesMismatchException(final String image, final int dimensions, final String axes) {
		super("The image " + image + " has " + dimensions + " dimension(s), but its axes were given as " + axes +
			" (one letter per dimension, in order). Give one of X, Y, C, Z, T for each dimension, e.g. XYC " +
			"for a multi-channel image or XYCZT for an ImageJ hyperstack.");
	}
}
