package org.restorej.bioimageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import javax.imageio.ImageIO;

import org.restorej.export.ModelExporter;
import org.restorej.io.Npy;
import org.restorej.io.NpyArray;

/**
 * The rules of the bioimage.io model description format 0.5 that can be checked without its Python
 * library, re-expressed from its specification (JSON schema and field documentation of
 * spec-bioimage-io): required fields and their types, the axes of inputs and outputs, the kwargs each
 * processing step takes, file references, sha256 values, test tensor shapes against the axes, and the
 * weights zip's layout. Each failure names the field.
 */
final class PackageSpecification {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-() ]{5,128}");
	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
	private static final Pattern DOI = Pattern.compile("^10\\.[0-9]{4}.+$");
	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
	/** The kwargs each step accepts (the format forbids others). */
	private static final Map<String, Set<String>> KWARGS = Map.of("scale_linear", Set.of("gain", "offset", "axis"),
		"scale_range", Set.of("axes", "min_percentile", "max_percentile", "eps", "reference_tensor"),
		"zero_mean_unit_variance", Set.of("axes", "eps"), "fixed_zero_mean_unit_variance", Set.of("mean", "std", "axis"),
		"clip", Set.of("min", "max", "min_percentile", "max_percentile", "axes"), "ensure_dtype", Set.of("dtype"));
	private static final Set<String> TOP_LEVEL = Set.of("format_version", "type", "name", "description", "authors",
		"cite", "license", "documentation", "covers", "tags", "attachments", "inputs", "outputs", "weights", "config",
		"packaged_by", "git_repo", "version", "id", "id_emoji", "icon", "links", "maintainers", "uploader", "parent",
		"run_mode", "timestamp", "training_data", "version_comment");

	private PackageSpecification() {}

	/** Checks the unpacked package at {@code root}; returns its description for further assertions. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> check(final Path root) throws IOException {
		final Map<String, Object> rdf = Rdf.read(root.resolve("rdf.yaml"));
		for (final String key : rdf.keySet())
			assertTrue(TOP_LEVEL.contains(key), "unknown top-level field " + key);
		assertTrue(String.valueOf(rdf.get("format_version")).matches("0\\.5\\.\\d+"), "format_version 0.5.x");
		assertEquals(Rdf.FORMAT_VERSION, rdf.get("format_version"), "the latest 0.5 patch version");
		assertEquals("model", rdf.get("type"));
		assertTrue(NAME.matcher((String) rdf.get("name")).matches(), "name: 5-128 letters, digits, _-() and spaces");
		assertTrue(((String) rdf.get("description")).length() <= 1024, "description at most 1024 characters");
		for (final Map<String, Object> a : list(rdf, "authors"))
			assertInstanceOf(String.class, a.get("name"), "authors[].name");
		assertFalse(list(rdf, "cite").isEmpty(), "cite");
		for (final Map<String, Object> c : list(rdf, "cite")) {
			assertInstanceOf(String.class, c.get("text"), "cite[].text");
			assertTrue(c.get("doi") != null || c.get("url") != null, "cite[] has a doi or url");
			if (c.get("doi") != null) assertTrue(DOI.matcher((String) c.get("doi")).matches(), "cite[].doi " + c.get("doi"));
			if (c.get("url") != null) assertTrue(((String) c.get("url")).startsWith("https://"), "cite[].url");
		}
		if (rdf.get("license") != null) assertTrue(((String) rdf.get("license")).matches("[A-Za-z0-9.+\\-]+"),
			"license is an SPDX identifier");
		final String doc = (String) rdf.get("documentation");
		assertTrue(doc.endsWith(".md"), "documentation is a .md file");
		assertTrue(Pattern.compile("#.*[vV]alidation").matcher(Files.readString(resolve(root, doc))).find(),
			"documentation has a Validation section");
		for (final Object cover : (List<Object>) rdf.get("covers")) {
			final BufferedImage img = ImageIO.read(resolve(root, (String) cover).toFile());
			assertNotNull(img, "cover " + cover + " is an image");
			assertTrue(img.getWidth() == 2 * img.getHeight() || img.getWidth() == img.getHeight(), "cover 2:1 or 1:1");
			assertTrue(Files.size(resolve(root, (String) cover)) < 500_000, "cover under 500 KB");
		}
		assertInstanceOf(List.class, rdf.get("tags"));
		for (final Map<String, Object> a : list(rdf, "attachments"))
			checkFile(root, a, "attachments[]");
		final List<Map<String, Object>> inputs = list(rdf, "inputs"), outputs = list(rdf, "outputs");
		assertFalse(inputs.isEmpty(), "inputs");
		assertFalse(outputs.isEmpty(), "outputs");
		final Map<String, Map<String, Object>> inputAxes = new HashMap<>();
		final Map<String, int[]> testSides = new HashMap<>();
		for (final Map<String, Object> t : inputs) {
			final List<Map<String, Object>> axes = checkAxes(t, inputAxes, true);
			checkSteps((List<Map<String, Object>>) t.get("preprocessing"), axes);
			testSides.put((String) t.get("id"), checkTestTensor(root, t, axes, null));
		}
		for (final Map<String, Object> t : outputs) {
			final List<Map<String, Object>> axes = checkAxes(t, inputAxes, false);
			checkSteps((List<Map<String, Object>>) t.get("postprocessing"), axes);
			checkTestTensor(root, t, axes, testSides);
		}
		final Map<String, Object> weights = (Map<String, Object>) rdf.get("weights");
		assertFalse(weights.isEmpty(), "weights");
		final Map<String, Object> tf = (Map<String, Object>) weights.get("tensorflow_saved_model_bundle");
		assertNotNull(tf.get("tensorflow_version"), "tensorflow_version is required");
		final Path zip = checkFile(root, tf, "weights.tensorflow_saved_model_bundle");
		try (ZipFile z = new ZipFile(zip.toFile())) {
			assertNotNull(z.getEntry("saved_model.pb"), "the weights zip has saved_model.pb at its top");
			assertTrue(z.stream().anyMatch(e -> e.getName().startsWith("variables/")), "and its variables/");
		}
		return rdf;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> checkAxes(final Map<String, Object> tensor,
		final Map<String, Map<String, Object>> inputAxes, final boolean input)
	{
		final String id = (String) tensor.get("id");
		assertTrue(id.matches("[a-z_][a-z0-9_]{0,31}"), "tensor id " + id + ": a lower-case identifier");
		final List<Map<String, Object>> axes = (List<Map<String, Object>>) tensor.get("axes");
		final List<String> types = new ArrayList<>();
		for (final Map<String, Object> a : axes) {
			final String type = (String) a.get("type");
			types.add(type);
			final String axisId = (String) a.getOrDefault("id", type.equals("space") ? "x" : type);
			switch (type) {
				case "batch" -> assertTrue(a.get("size") == null || a.get("size").equals(1), "batch size null or 1");
				case "channel" -> {
					final List<Object> names = (List<Object>) a.get("channel_names");
					assertFalse(names.isEmpty(), "channel_names");
					for (final Object n : names)
						assertTrue(IDENTIFIER.matcher(n.toString()).matches(), "channel name " + n + " is an identifier");
				}
				case "space" -> {
					final Object size = a.get("size");
					if (input && size instanceof Map<?, ?> m && m.containsKey("min")) {
						assertTrue(((Number) m.get("min")).intValue() > 0 && ((Number) m.get("step")).intValue() > 0, "min, step > 0");
						assertEquals(Set.of("min", "step"), m.keySet(), "a parameterized size has min and step");
					}
					else {
						final Map<String, Object> ref = (Map<String, Object>) size;
						assertTrue(ref.containsKey("tensor_id") && ref.containsKey("axis_id"), "size reference of " + axisId);
						final Map<String, Object> target = inputAxes.get(ref.get("tensor_id") + "." + ref.get("axis_id"));
						assertNotNull(target, axisId + " refers to an existing input axis");
						final Map<String, Object> targetSize = (Map<String, Object>) target.get("size");
						assertTrue(targetSize.containsKey("min"), "the reference is to an axis of its own size");
						if (a.get("halo") != null) assertTrue(((Number) targetSize.get("min")).intValue() - 2 * ((Number) a.get(
							"halo")).intValue() >= 1, "the smallest side minus twice the halo leaves a pixel");
					}
				}
				default -> throw new AssertionError("axis type " + type);
			}
			if (input) inputAxes.put(id + "." + axisId, a);
		}
		assertEquals(List.of("batch", "space", "space", "channel"), types, "axes b, y, x, c");
		assertEquals(List.of("y", "x"), List.of(axes.get(1).get("id"), axes.get(2).get("id")));
		return axes;
	}

	private static void checkSteps(final List<Map<String, Object>> steps, final List<Map<String, Object>> axes) {
		if (steps == null) return;
		final Set<Object> ids = Set.of("batch", "channel", "y", "x");
		for (final Map<String, Object> s : steps) {
			assertTrue(KWARGS.containsKey(s.get("id")), "step " + s.get("id"));
			@SuppressWarnings("unchecked")
			final Map<String, Object> k = (Map<String, Object>) s.get("kwargs");
			for (final String key : k.keySet())
				assertTrue(KWARGS.get(s.get("id")).contains(key), s.get("id") + " takes no " + key);
			if (k.get("axes") instanceof List<?> l) assertTrue(ids.containsAll(l), "kwargs.axes are axis ids: " + l);
			if (s.get("id").equals("scale_range")) assertTrue(((Number) k.get("min_percentile")).doubleValue() < ((Number) k
				.get("max_percentile")).doubleValue(), "min_percentile < max_percentile");
		}
	}

	/** The test tensor's shape against the axes; returns its sides. */
	@SuppressWarnings("unchecked")
	private static int[] checkTestTensor(final Path root, final Map<String, Object> tensor,
		final List<Map<String, Object>> axes, final Map<String, int[]> inputSides) throws IOException
	{
		final Path file = checkFile(root, (Map<String, Object>) tensor.get("test_tensor"), tensor.get("id") +
			".test_tensor");
		final NpyArray a = Npy.read(file);
		assertEquals(axes.size(), a.rank(), "test tensor rank = number of axes");
		assertEquals(1, a.dim(0), "batch 1");
		assertEquals(((List<?>) axes.get(3).get("channel_names")).size(), a.dim(3), "channels = channel_names");
		for (int i = 1; i <= 2; i++) {
			final Object size = axes.get(i).get("size");
			final int side = a.dim(i);
			if (size instanceof Map<?, ?> m && m.containsKey("min")) {
				final int min = ((Number) m.get("min")).intValue(), step = ((Number) m.get("step")).intValue();
				assertTrue(side >= min && (side - min) % step == 0, "side " + side + " is " + min + " + n * " + step);
			}
			else assertEquals(inputSides.get(((Map<String, Object>) size).get("tensor_id"))[i - 1], side,
				"the output's side is the input's it refers to");
		}
		return new int[] { a.dim(1), a.dim(2) };
	}

	/** A relative file reference inside the package, with a matching sha256. */
	static Path checkFile(final Path root, final Map<String, Object> descr, final String what) throws IOException {
		final Path p = resolve(root, (String) descr.get("source"));
		assertTrue(Files.isRegularFile(p), what + " " + descr.get("source") + " exists in the package");
		final String sha = (String) descr.get("sha256");
		assertNotNull(sha, what + " has a sha256");
		assertTrue(SHA256.matcher(sha).matches(), what + ".sha256 is 64 hex digits");
		assertEquals(ModelExporter.sha256(p), sha, what + " matches its sha256");
		return p;
	}

	private static Path resolve(final Path root, final String relative) {
		final Path p = root.resolve(relative).normalize();
		assertTrue(p.startsWith(root.normalize()) && !relative.contains("://"), relative + " is inside the package");
		return p;
	}

	static String text(final Path file) throws IOException {
		return Files.readString(file, StandardCharsets.UTF_8);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(final Map<String, Object> rdf, final String key) {
		return rdf.get(key) == null ? List.of() : (List<Map<String, Object>>) rdf.get(key);
	}
}
