package org.restorej.export;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.restorej.RestoreJException;
import org.restorej.model.ModelDescriptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the official constructor's keyword arguments from a file: a JSON object of them, or an
 * official options YAML whose {@code network_g} section holds them (its {@code type} is dropped).
 */
public final class ConfigFiles {

	private ConfigFiles() {}

	public static Map<String, Object> read(final Path file) throws IOException {
		if (!Files.isRegularFile(file)) throw new RestoreJException("Config file " + file + " does not exist.");
		final String name = file.getFileName().toString().toLowerCase();
		final Map<String, Object> args;
		if (name.endsWith(".yml") || name.endsWith(".yaml")) {
			final Object doc;
			// SafeConstructor: plain maps, lists and scalars only, no object instantiation from the file; no
			// aliases of lists or maps (an options file needs none, and they are how a small file expands without bound)
			final LoaderOptions options = new LoaderOptions();
			options.setMaxAliasesForCollections(0);
			options.setCodePointLimit(1 << 20);
			try (Reader r = Files.newBufferedReader(file)) {
				doc = new Yaml(new SafeConstructor(options)).load(r);
			}
			catch (final RuntimeException e) {
				throw new RestoreJException("Config file " + file + " is not valid YAML: " + e.getMessage());
			}
			args = section(doc, file);
		}
		else {
			try {
				args = ModelDescriptions.parseObject(Files.readString(file));
			}
			catch (final RuntimeException e) {
				throw new RestoreJException("Config file " + file + " is not a JSON object of the constructor's " +
					"keyword arguments: " + e.getMessage());
			}
		}
		if (args == null) throw new RestoreJException("Config file " + file + " is empty.");
		final Map<String, Object> copy = new LinkedHashMap<>(args);
		copy.remove("type");
		return copy;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> section(final Object doc, final Path file) {
		if (!(doc instanceof Map<?, ?> map)) throw new RestoreJException("Config file " + file +
			" holds no mapping of options.");
		final Object network = map.get("network_g");
		if (network instanceof Map<?, ?> n) return (Map<String, Object>) n;
		return (Map<String, Object>) map;
	}
}
