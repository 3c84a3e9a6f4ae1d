package org.restorej.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;

/**
 * Copies of {@link SmallModels#grey()} that declare a normalisation in their model.json (or, as a format 1
 * folder, none), for the tests of {@code normalize=auto} in each front end.
 */
public final class DeclaringModels {

	/** The percentiles {@link #percentile} declares. */
	public static final double LOW = 2, HIGH = 98;

	private DeclaringModels() {}

	/** The grey model declaring percentile {@link #LOW}..{@link #HIGH} over the image, channels together. */
	public static Path percentile(final Path dir) {
		final Path copy = copy(SmallModels.grey(), dir.resolve("grey-percentile"));
		try {
			ModelDescriptions.write(ModelDescriptions.read(copy).withNormalization(ModelDescription.Normalization
				.percentile(LOW, HIGH, ModelDescription.Normalization.IMAGE, false)), copy);
			return copy;
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The grey model as a format 1 folder: model.json without {@code normalization}. */
	public static Path formatOne(final Path dir) {
		final Path copy = copy(SmallModels.grey(), dir.resolve("grey-format-1"));
		try {
			final Path json = copy.resolve(ModelDescription.FILE_NAME);
			Files.writeString(json, Files.readString(json).replace(ModelDescription.FORMAT, ModelDescription.FORMAT_1)
				.replaceAll("(?s),\\s*\"normalization\"\\s*:\\s*\\{[^}]*\\}", ""));
			return copy;
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Path copy(final Path from, final Path to) {
		if (Files.exists(to)) return to;
		try (Stream<Path> s = Files.walk(from)) {
			for (final Path p : s.toList()) {
				final Path target = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) Files.createDirectories(target);
				else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
			}
			return to;
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
