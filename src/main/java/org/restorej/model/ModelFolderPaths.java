package org.restorej.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Keeps the paths a model.json names inside its model folder: a folder passed around must not make
 * RestoreJ load or read anything elsewhere on the host (absolute paths, {@code ..}, or a symbolic link
 * that leads out), and the folder holds no symbolic link at all.
 */
final class ModelFolderPaths {

	private ModelFolderPaths() {}

	static void check(final Path file, final ModelDescription d) {
		final Path folder = file.toAbsolutePath().getParent();
		inside(file, folder, "savedModel.directory", d.savedModel().directory());
		if (d.test() != null) {
			inside(file, folder, "test.input", d.test().input());
			inside(file, folder, "test.output", d.test().output());
		}
		final Path link;
		try {
			link = SymbolicLinks.firstIn(folder).orElse(null);
		}
		catch (final IOException e) {
			throw new InvalidModelException(file, "its folder cannot be listed (" + e.getMessage() + ")");
		}
		if (link != null) throw new InvalidModelException(file, "its folder holds the symbolic link " + link +
			" (a model folder must hold its own files: replace the link by a copy of what it points to)");
	}

	private static void inside(final Path file, final Path folder, final String key, final String value) {
		if (value == null) return;
		final Path relative;
		try {
			relative = Paths.get(value);
		}
		catch (final InvalidPathException e) {
			throw new ModelPathException(file, key, value, "is not a valid path");
		}
		if (relative.isAbsolute()) throw new ModelPathException(file, key, value, "is absolute");
		final Path resolved = folder.resolve(relative).normalize();
		if (!resolved.startsWith(folder.normalize())) throw new ModelPathException(file, key, value,
			"leads out of the model folder");
		if (!Files.exists(resolved)) return; // a missing file is reported where it is read
		try {
			if (!resolved.toRealPath().startsWith(folder.toRealPath())) throw new ModelPathException(file, key, value,
				"is a symbolic link that leads out of the model folder");
		}
		catch (final IOException e) {
			throw new ModelPathException(file, key, value, "cannot be resolved (" + e.getMessage() + ")");
		}
	}

}
