package org.restorej.model;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a model folder from what a user typed: a path to a folder (or its model.json), or the name of
 * a model in a models folder: {@code $RESTOREJ_MODELS}, {@code ./models}, or the {@code models/} folder
 * of the installation the RestoreJ jar sits in ({@code target/} in a build, {@code jars/} in Fiji).
 */
public final class ModelLocator {

	private ModelLocator() {}

	public static Path resolve(final String modelOrName) {
		final Path direct = Paths.get(modelOrName);
		if (Files.isRegularFile(direct.resolve(ModelDescription.FILE_NAME))) return direct;
		if (Files.isRegularFile(direct) && direct.getFileName().toString().equals(ModelDescription.FILE_NAME))
			return direct.getParent() == null ? Paths.get(".") : direct.getParent();
		for (final Path folder : modelFolders()) {
			final Path candidate = folder.resolve(modelOrName);
			if (Files.isRegularFile(candidate.resolve(ModelDescription.FILE_NAME))) return candidate;
		}
		throw new ModelNotFoundException(direct);
	}

	/** Where bundled and installed models are looked up by name, in order. */
	public static List<Path> modelFolders() {
		final List<Path> folders = new ArrayList<>();
		final String env = System.getenv("RESTOREJ_MODELS");
		if (env != null && !env.isBlank()) folders.add(Paths.get(env));
		folders.add(Paths.get("models"));
		try {
			final Path jar = Paths.get(ModelLocator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			final Path installation = jar.getParent() == null ? null : jar.getParent().getParent();
			if (installation != null) folders.add(installation.resolve("models"));
		}
		catch (final URISyntaxException | SecurityException | NullPointerException e) {
			// no code source (e.g. an unusual class loader): the other folders still apply
		}
		return folders;
	}
}
