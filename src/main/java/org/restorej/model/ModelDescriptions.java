package org.restorej.model;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.ToNumberPolicy;

/** Reads and writes {@code model.json}. */
public final class ModelDescriptions {

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
		.setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();

	private ModelDescriptions() {}

	/** Reads the description of a model folder (or of a {@code model.json} path). */
	public static ModelDescription read(final Path modelDirOrFile) {
		final Path file = Files.isDirectory(modelDirOrFile) ? modelDirOrFile.resolve(ModelDescription.FILE_NAME)
			: modelDirOrFile;
		if (!Files.isRegularFile(file)) throw new ModelNotFoundException(modelDirOrFile);
		final ModelDescription d;
		try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			d = GSON.fromJson(r, ModelDescription.class);
		}
		catch (final IOException | JsonParseException e) {
			throw new InvalidModelException(file, "it is not valid JSON (" + e.getMessage() + ")");
		}
		if (d == null || !ModelDescription.FORMAT.equals(d.format()) && !ModelDescription.FORMAT_1.equals(d
			.format())) throw new InvalidModelException(file, "its format is " + (d == null ? "missing" : d.format()) +
				", expected " + ModelDescription.FORMAT + " (or " + ModelDescription.FORMAT_1 + ")");
		if (d.savedModel() == null || d.architecture() == null || d.input() == null || d.output() == null ||
			d.size() == null) throw new InvalidModelException(file, "savedModel, architecture, input, output " +
				"and size are required");
		ModelFolderPaths.check(file, d);
		final String problem = d.normalization().problem();
		if (problem != null) throw new InvalidModelException(file, problem);
		return d;
	}

	public static void write(final ModelDescription d, final Path dir) throws IOException {
		try (Writer w = Files.newBufferedWriter(dir.resolve(ModelDescription.FILE_NAME), StandardCharsets.UTF_8)) {
			GSON.toJson(d, w);
		}
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
