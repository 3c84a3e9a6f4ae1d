package org.restorej.model;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;

/** Reads and writes {@code model.json}. */
public final class ModelDescriptions {

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
		.setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();

	/**
	 * A description is a few kilobytes; one larger than this (e.g. from a package whose config expands) is
	 * refused both when written and when read, so neither fills the disk or the heap.
	 */
	public static final int MAX_BYTES = 1 << 20;
	/** More channels than any image RestoreJ reads. */
	static final int MAX_CHANNELS = 1024;

	private ModelDescriptions() {}

	/** Reads the description of a model folder (or of a {@code model.json} path). */
	public static ModelDescription read(final Path modelDirOrFile) {
		final Path file = Files.isDirectory(modelDirOrFile) ? modelDirOrFile.resolve(ModelDescription.FILE_NAME)
			: modelDirOrFile;
		if (!Files.isRegularFile(file)) throw new ModelNotFoundException(modelDirOrFile);
		final ModelDescription d;
		try {
			if (Files.size(file) > MAX_BYTES) throw new InvalidModelException(file, "it has " + Files.size(file) +
				" bytes, more than the " + MAX_BYTES + " a model description may have");
		}
		catch (final IOException e) {
			throw new InvalidModelException(file, "it cannot be read (" + e.getMessage() + ")");
		}
		try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			d = GSON.fromJson(r, ModelDescription.class);
		}
		catch (final IOException | RuntimeException e) {
			// Gson reports some malformed values (e.g. a number such as 1^0 in a map) as NumberFormatException
			throw new InvalidModelException(file, "it is not valid JSON (" + e.getMessage() + ")");
		}
		if (d == null || !ModelDescription.FORMAT.equals(d.format()) && !ModelDescription.FORMAT_1.equals(d
			.format())) throw new InvalidModelException(file, "its format is " + (d == null ? "missing" : d.format()) +
				", expected " + ModelDescription.FORMAT + " (or " + ModelDescription.FORMAT_1 + ")");
		if (d.savedModel() == null || d.architecture() == null || d.input() == null || d.output() == null ||
			d.size() == null) throw new InvalidModelException(file, "savedModel, architecture, input, output " +
				"and size are required");
		checkNumbers(file, d);
		ModelFolderPaths.check(file, d);
		final String problem = d.normalization().problem();
		if (problem != null) throw new InvalidModelException(file, problem);
		return d;
	}

	/** Sizes the engine computes with: bounded here so that no later product overflows or allocates unbounded. */
	private static void checkNumbers(final Path file, final ModelDescription d) {
		range(file, "size.multiple", d.size().multiple(), 1, ModelDescription.Tiling.MAX_TILE);
		range(file, "input.count", d.input().count(), 1, MAX_CHANNELS);
		range(file, "output.count", d.output().count(), 1, MAX_CHANNELS);
		if (d.tiling() != null) {
			range(file, "tiling.tileSize", d.tiling().tileSize(), 1, ModelDescription.Tiling.MAX_TILE);
			range(file, "tiling.halo", d.tiling().halo(), 0, ModelDescription.Tiling.MAX_TILE);
		}
	}

	private static void range(final Path file, final String key, final int value, final int low, final int high) {
		if (value < low || value > high) throw new InvalidModelException(file, "its " + key + " is " + value +
			", not from " + low + " to " + high);
	}

	public static void write(final ModelDescription d, final Path dir) throws IOException {
		final Path file = dir.resolve(ModelDescription.FILE_NAME);
		final byte[] json = GSON.toJson(d).getBytes(StandardCharsets.UTF_8);
		if (json.length > MAX_BYTES) throw new InvalidModelException(file, "it would have " + json.length +
			" bytes, more than the " + MAX_BYTES + " a model description may have (its config is too large)");
		Files.write(file, json);
	}

	public static String toJson(final Object o) {
		return GSON.toJson(o);
	}

	/** Parses a JSON object into a map whose numbers are Long or Double. */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> parseObject(final String json) {
		return GSON.fromJson(json, Map.class);
	}
}
