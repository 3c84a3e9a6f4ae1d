package org.restorej.restore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.restorej.RestoreJException;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelLocator;

/** The model a user named, and the models installed where names are looked up. */
public final class Models {

	private Models() {}

	/**
	 * The model folder for a name or path as a user typed it.
	 *
	 * @throws RestoreJException if none was given (headless SciJava passes an empty string for a missing
	 *           input) or there is no model there
	 */
	public static Path resolve(final String model) {
		if (model == null || model.isBlank()) throw new RestoreJException("No model given: pass model=NAME " +
			"(installed: " + installedText() + ") or model=[path of a model folder].");
		return ModelLocator.resolve(model.trim());
	}

	/** Names of the models in the folders {@link ModelLocator} looks names up in. */
	public static List<String> installed() {
		final List<String> names = new ArrayList<>();
		for (final Path folder : ModelLocator.modelFolders()) {
			if (!Files.isDirectory(folder)) continue;
			try (Stream<Path> s = Files.list(folder)) {
				s.filter(p -> Files.isRegularFile(p.resolve(ModelDescription.FILE_NAME))).map(p -> p.getFileName()
					.toString()).sorted().filter(n -> !names.contains(n)).forEach(names::add);
			}
			catch (final IOException e) {
				// an unreadable folder holds no usable model
			}
		}
		return names;
	}

	private static String installedText() {
		final List<String> names = installed();
		return names.isEmpty() ? "none; import one with Plugins > RestoreJ > Import Checkpoint" : String.join(", ",
			names);
	}
}
