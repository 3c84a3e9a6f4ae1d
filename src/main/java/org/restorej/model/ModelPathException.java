package org.restorej.model;

import java.nio.file.Path;

/** A model.json path that leaves its model folder (absolute, {@code ..}, or a symbolic link out). */
public class ModelPathException extends InvalidModelException {

	ModelPathException(final Path file, final String key, final String value, final String problem) {
		super(file, "its " + key + " '" + value + "' " + problem + "; every path in model.json must name a " +
			"file inside the model folder");
	}
}
