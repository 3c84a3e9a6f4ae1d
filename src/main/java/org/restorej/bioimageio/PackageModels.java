package org.restorej.bioimageio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.restorej.RestoreJException;
import org.restorej.export.ModelExporter;
import org.restorej.io.PartialFiles;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelLocator;
import org.restorej.model.SymbolicLinks;

/**
 * bioimage.io packages (a zip, or a folder with {@code rdf.yaml}) as model folders the engine loads. A
 * package is converted once into a cache folder named by its sha256 ({@code restorej.cache} system
 * property, else {@code $RESTOREJ_CACHE}, else {@code $XDG_CACHE_HOME/restorej}, else
 * {@code ~/.cache/restorej}, then {@code bioimageio/}): a cache rather than a temporary folder because
 * RestoreJ's worker process and every later run load the same converted folder, a package of gigabytes is
 * unpacked once, and a changed package has another sha256, hence a folder of its own. Conversion happens
 * under a temporary name and is renamed when complete, so concurrent runs never see half a folder. Delete
 * the cache folder to reclaim the space.
 */
public final class PackageModels {

	private PackageModels() {}

	/** The model folder to load for {@code model}: itself for a RestoreJ folder, the converted one for a package. */
	public static Path folder(final Path model) {
		if (!ModelLocator.isBioimageioPackage(model)) return model;
		try {
			final String key = key(model);
			final Path entry = cacheRoot().resolve(key), folder = entry.resolve("model");
			if (Files.isRegularFile(folder.resolve(ModelDescription.FILE_NAME))) return folder;
			Files.createDirectories(cacheRoot());
			PartialFiles.removeStale(cacheRoot(), key + ".partial-", ""); // a killed unpack's
			final Path partial = cacheRoot().resolve(key + ".partial-" + PartialFiles.owner() + System.nanoTime());
			PartialFiles.writing(partial);
			try {
				final Path root;
				long unpacked = 0;
				if (Files.isDirectory(model)) root = model;
				else {
					root = partial.resolve("package");
					unpacked = SafeZip.extract(model, root, SafeZip.Limits.DEFAULT);
				}
				final Path link = SymbolicLinks.firstIn(root).orElse(null);
				if (link != null) throw new InvalidPackageException(model, "it holds the symbolic link " + link + " (a " +
					"package must hold its own files)");
				PackageImport.convert(root, model, key, partial.resolve("model"), SafeZip.Limits.DEFAULT.less(unpacked));
				ModelExporter.deleteRecursively(partial.resolve("package"));
				try {
					Files.move(partial, entry, StandardCopyOption.ATOMIC_MOVE);
				}
				catch (final FileAlreadyExistsException | DirectoryNotEmptyException e) {
					// another process converted the same package meanwhile: its folder is as good
				}
			}
			finally {
				ModelExporter.deleteRecursively(partial);
				PartialFiles.done(partial);
			}
			return folder;
		}
		catch (final IOException e) {
			throw new RestoreJException("Cannot unpack the bioimage.io package " + model + ": " + e.getMessage() +
				". Check that the cache folder " + cacheRoot() + " is writable (or set RESTOREJ_CACHE).", e);
		}
	}

	public static Path cacheRoot() {
		final String property = System.getProperty("restorej.cache"), env = System.getenv("RESTOREJ_CACHE");
		final String xdg = System.getenv("XDG_CACHE_HOME");
		final Path base = property != null && !property.isBlank() ? Paths.get(property) : env != null && !env.isBlank()
			? Paths.get(env) : xdg != null && !xdg.isBlank() ? Paths.get(xdg, "restorej") : Paths.get(System.getProperty(
				"user.home"), ".cache", "restorej");
		return base.resolve("bioimageio");
	}

	/**
	 * A zip's sha256; for a folder, the sha256 of its description and of every file's name, size and time (its
	 * content is checked against the description's sha256 values when converted).
	 */
	private static String key(final Path model) throws IOException {
		if (!Files.isDirectory(model)) return ModelExporter.sha256(model);
		try {
			final MessageDigest md = MessageDigest.getInstance("SHA-256");
			md.update(Files.readAllBytes(PackageImport.descriptionFile(model, model)));
			final List<Path> files;
			try (Stream<Path> s = Files.walk(model)) {
				files = s.filter(Files::isRegularFile).sorted().toList();
			}
			for (final Path f : files)
				md.update((model.relativize(f) + "\0" + Files.size(f) + "\0" + Files.getLastModifiedTime(f).toMillis() +
					"\n").getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(md.digest());
		}
		catch (final NoSuchAlgorithmException e) {
			throw new RestoreJException("SHA-256 is not available in this Java runtime", e);
		}
		catch (final UncheckedIOException e) {
			throw e.getCause();
		}
	}
}
