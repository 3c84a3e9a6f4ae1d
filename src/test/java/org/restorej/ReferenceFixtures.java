package org.restorej;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The reference fixtures (official PyTorch outputs for random-weight checkpoints): the full set in
 * {@code ../shared/reference} when it is there (override with {@code -Drestorej.reference.dir}), and the
 * subset copied into the test resources, which a fresh clone always has.
 */
public final class ReferenceFixtures {

	/** Tolerances a float32 implementation must meet against the float64 references. */
	public static final double MAX_ABS = 2e-5, REL_L2 = 5e-6;

	/** One architecture configuration of a fixture set. */
	public record Config(Path root, String architecture, String name, Map<String, Object> arguments,
		JsonObject manifest)
	{
		public Path dir() {
			return root.resolve(architecture).resolve(manifest.get("dir").getAsString());
		}

		/** Checkpoint files of this config present in this set. */
		public List<Path> checkpoints() {
			final List<Path> files = new ArrayList<>();
			for (final JsonElement c : manifest.getAsJsonArray("checkpoints")) {
				final Path f = dir().resolve(c.getAsJsonObject().get("file").getAsString());
				if (Files.isRegularFile(f)) files.add(f);
			}
			return files;
		}

		/** Cases whose input and float64 output are present in this set. */
		public List<JsonObject> cases() {
			final List<JsonObject> cases = new ArrayList<>();
			for (final JsonElement e : manifest.getAsJsonArray("cases")) {
				final JsonObject c = e.getAsJsonObject();
				if (Files.isRegularFile(dir().resolve(c.get("input_file").getAsString())) && Files.isRegularFile(
					dir().resolve(c.get("output_f64_file").getAsString()))) cases.add(c);
			}
			return cases;
		}

		@Override
		public String toString() {
			return architecture + "/" + name;
		}
	}

	private ReferenceFixtures() {}

	/** The fixture sets present: the bundled subset, and the full shared set if it exists. */
	public static List<Path> roots() {
		final List<Path> roots = new ArrayList<>();
		roots.add(bundled());
		final Path shared = shared();
		if (shared != null) roots.add(shared);
		return roots;
	}

	public static Path bundled() {
		try {
			return Paths.get(ReferenceFixtures.class.getResource("/reference").toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The full reference set, or null when this machine does not have it. */
	public static Path shared() {
		final Path p = Paths.get(System.getProperty("restorej.reference.dir", "../shared/reference"));
		return Files.isRegularFile(p.resolve("restormer/manifest.json")) ? p : null;
	}

	@SuppressWarnings("unchecked")
	public static List<Config> configs(final Path root) throws IOException {
		final List<Config> configs = new ArrayList<>();
		for (final String arch : List.of("restormer", "ast")) {
			final JsonObject m = JsonParser.parseString(Files.readString(root.resolve(arch).resolve(
				"manifest.json"))).getAsJsonObject();
			final JsonArray list = m.getAsJsonArray("configs");
			for (final JsonElement e : list) {
				final JsonObject c = e.getAsJsonObject();
				final Map<String, Object> args = org.restorej.model.ModelDescriptions.parseObject(c.get(
					"constructor_args").toString());
				final Config config = new Config(root, arch, c.get("name").getAsString(), args, c);
				if (!config.checkpoints().isEmpty()) configs.add(config);
			}
		}
		return configs;
	}
}
