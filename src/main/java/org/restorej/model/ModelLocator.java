package org.restorej.model;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a model folder from what a user typed: a path to a folder (or its model.json), a bioimage.io
 * package (see {@link #isBioimageioPackage}), or the name of
 * a model in a models folder: {@code $RESTOREJ_MODELS}, {@code ./models}, or the {@code models/} folder
 * of the installation the RestoreJ jar sits in ({@code target/} in a build, {@code jars/} in Fiji).
 */
public final class ModelLocator {

	private ModelLocator() {}

	public static Path resolve(final String modelOrName) {
		final Path direct = Paths.get(modelOrName);
		if (Files.isRegularFile(direct.resolve(ModelDescription.FILE_NAME))) return direct;
		// a bioimage.io package is passed on as it is: the side that loads it converts it
		if (isBioimageioPackage(direct)) return direct.toAbsolutePath();
		if (Files.isRegularFile(direct) && direct.getFileName().toString().equals(ModelDescription.FILE_NAME))
			return direct.getParent() == null ? Paths.get(".") : direct.getParent();
		for (final Path folder : modelFolders()) {
			final Path candidate = folder.resolve(modelOrName);
			if (Files.isRegularFile(candidate.resolve(ModelDescription.FILE_NAME))) return candidate;
		}
		throw new ModelNotFoundException(direct, installedNames());
	}

	/** The names of the models of {@link #modelFolders()}, sorted, each once. */
	public static List<String> installedNames() {
		final java.util.TreeSet<String> names = new java.util.TreeSet<>();
		for (final Path folder : modelFolders())
			try (java.util.stream.Stream<Path> s = Files.list(folder)) {
				s.filter(p -> Files.isRegularFile(p.resolve(ModelDescription.FILE_NAME))).forEach(p -> names.add(p
					.getFileName().toString()));
			}
			catch (final java.io.IOException | RuntimeException e) {
				// a folder that is missing or unreadable holds no model to list
			}
		return List.copyOf(names);
	}

	/**
	 * Whether {@code p} is a bioimage.io model package: a {@code .zip} file, or a folder with {@code rdf.yaml}
	 * (or {@code bioimageio.yaml}) and no {@code model.json}. Only file names are looked at, so that the Fiji
	 * side, which never reads packages, can tell.
	 */
	public static boolean isBioimageioPackage(final Path p) {
		if (Files.isRegularFile(p)) return p.getFileName().toString().toLowerCase().endsWith(".zip");
		return Files.isDirectory(p) && !Files.exists(p.resolve(ModelDescription.FILE_NAME)) && (Files.isRegularFile(p
			.resolve("rdf.yaml")) || Files.isRegularFile(p.resolve("bioimageio.yaml")));
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
