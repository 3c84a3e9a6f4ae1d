package org.restorej.runtime;

import java.nio.file.Path;

import org.restorej.RestoreJException;

/** TensorFlow refused to load or run a model folder that passed RestoreJ's checks: the folder is damaged. */
public class ModelRunException extends RestoreJException {

	public ModelRunException(final Path modelDir, final String stage, final RuntimeException cause) {
		super("TensorFlow could not " + stage + " the model folder " + modelDir + ": " + firstLine(cause.getMessage()) +
			". The folder is damaged or was not written by RestoreJ: export or import the model again (restorej " +
			"import CHECKPOINT.pth -o FOLDER), or download the package again.", cause);
	}

	/** The first line of a TensorFlow message (the rest is its C++ context). */
	public static String firstLine(final String s) {
		if (s == null || s.isBlank()) return "no message";
		final int nl = s.indexOf('\n');
		return (nl < 0 ? s : s.substring(0, nl)).strip();
	}
}
