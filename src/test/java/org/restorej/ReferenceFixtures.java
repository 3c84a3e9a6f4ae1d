package org.restorej;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.restorej.array.NhwcArray;

/**
 * The reference fixtures (official PyTorch outputs for random-weight checkpoints): the full set in
 * {@code ../shared/reference} when it is there (override with {@code -Drestorej.reference.dir}), and the
 * subset copied into the test resources, which a fresh clone always has (see
 * {@code src/test/resources/reference/README.md}).
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

	/** One entry of a state-dict key listing. */
	public record KeySpec(String key, long[] shape, String dtype) {}

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

	/**
	 * A file given relative to a fixture root ({@code ast/c_leff_img64_window4/c1_input.npy}): the bundled
	 * copy, else the shared one; null when neither set has it.
	 */
	public static Path find(final String relative) {
		for (final Path root : roots()) {
			final Path p = root.resolve(relative);
			if (Files.isRegularFile(p)) return p;
		}
		return null;
	}

	public static JsonElement readJson(final Path file) throws IOException {
		return JsonParser.parseString(Files.readString(file));
	}

	/**
	 * The entries of a key listing: a {@code state_dict_keys.json} (an array), or a full-size listing of
	 * {@code keys/} (an object whose {@code keys} is that array).
	 */
	public static List<KeySpec> keyListing(final Path json) throws IOException {
		final JsonElement root = readJson(json);
		final JsonArray entries = root.isJsonArray() ? root.getAsJsonArray()
			: root.getAsJsonObject().getAsJsonArray("keys");
		final List<KeySpec> specs = new ArrayList<>();
		for (final JsonElement e : entries) {
			final JsonObject o = e.getAsJsonObject();
			final JsonArray shape = o.getAsJsonArray("shape");
			final long[] dims = new long[shape.size()];
			for (int i = 0; i < dims.length; i++)
				dims[i] = shape.get(i).getAsLong();
			specs.add(new KeySpec(o.get("key").getAsString(), dims, o.get("dtype").getAsString()));
		}
		return specs;
	}

	/**
	 * AST's official tiled test (splitimage/mergeimage): crops of {@code x} at the starts the manifest
	 * records, summed with weight 1 and divided by the per-pixel count. {@code run} maps the list of crops
	 * to their outputs, in order, so a caller may run them one by one or as one batch.
	 */
	public static NhwcArray officialTiles(final NhwcArray x, final JsonObject tiling,
		final Function<List<NhwcArray>, List<NhwcArray>> run)
	{
		final int crop = tiling.get("crop_size").getAsInt();
		final List<int[]> starts = new ArrayList<>();
		final List<NhwcArray> crops = new ArrayList<>();
		for (final JsonElement e : tiling.getAsJsonArray("tile_starts_hw")) {
			final int[] start = { e.getAsJsonArray().get(0).getAsInt(), e.getAsJsonArray().get(1).getAsInt() };
			starts.add(start);
			crops.add(x.crop(start[0], start[1], crop, crop));
		}
		final List<NhwcArray> tiles = run.apply(crops);
		final int channels = tiles.get(0).channels();
		final NhwcArray sum = NhwcArray.zeros(1, x.height(), x.width(), channels);
		final int[] count = new int[x.height() * x.width()];
		for (int t = 0; t < starts.size(); t++) {
			final int top = starts.get(t)[0], left = starts.get(t)[1];
			for (int yy = 0; yy < crop; yy++)
				for (int xx = 0; xx < crop; xx++) {
					count[(top + yy) * x.width() + left + xx]++;
					for (int ch = 0; ch < channels; ch++)
						sum.data()[((top + yy) * x.width() + left + xx) * channels + ch] += tiles.get(t).get(0, yy, xx,
							ch);
				}
		}
		for (int i = 0; i < count.length; i++)
			for (int ch = 0; ch < channels; ch++)
				sum.data()[i * channels + ch] /= count[i];
		return sum;
	}

	@SuppressWarnings("unchecked")
	public static List<Config> configs(final Path root) throws IOException {
		final List<Config> configs = new ArrayList<>();
		for (final String arch : List.of("restormer", "ast")) {
			final JsonObject m = readJson(root.resolve(arch).resolve("manifest.json")).getAsJsonObject();
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
