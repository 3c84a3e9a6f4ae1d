package org.restorej.bioimageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.io.Npy;

/**
 * Packages RestoreJ cannot run are refused before anything is loaded, with every unsupported feature
 * named; broken ones (escaping zip entries, wrong sha256, too large) are refused as invalid.
 */
class PackageRefusalTest {

	@TempDir
	Path dir;

	@BeforeEach
	void ownCache() {
		System.setProperty("restorej.cache", dir.resolve("cache").toString());
	}

	/** A minimal package of format 0.5 RestoreJ can read: byxc, 16 + n * 8, fake SavedModel. */
	private Map<String, Object> rdf() throws Exception {
		Npy.writeFloat32(dir.resolve("in.npy"), new long[] { 1, 16, 16, 1 }, new float[256]);
		Npy.writeFloat32(dir.resolve("out.npy"), new long[] { 1, 16, 16, 1 }, new float[256]);
		zip(dir.resolve("weights.zip"), Map.of("saved_model.pb", "not a real graph"));
		final Map<String, Object> rdf = new LinkedHashMap<>();
		rdf.put("format_version", "0.5.7");
		rdf.put("type", "model");
		rdf.put("name", "crafted model");
		rdf.put("inputs", new ArrayList<>(List.of(tensor("input", byxc(Map.of("min", 16, "step", 8)), "in.npy"))));
		rdf.put("outputs", new ArrayList<>(List.of(tensor("output", byxc(Map.of("tensor_id", "input", "axis_id", "y"), Map
			.of("tensor_id", "input", "axis_id", "x")), "out.npy"))));
		rdf.put("weights", new LinkedHashMap<>(Map.of("tensorflow_saved_model_bundle", Map.of("source", "weights.zip",
			"sha256", sha256("weights.zip"), "tensorflow_version", "2.18"))));
		return rdf;
	}

	private String sha256(final String file) {
		try {
			return org.restorej.export.ModelExporter.sha256(dir.resolve(file));
		}
		catch (final java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private static List<Map<String, Object>> byxc(final Map<String, Object> size) {
		return byxc(size, size);
	}

	private static List<Map<String, Object>> byxc(final Map<String, Object> y, final Map<String, Object> x) {
		return new ArrayList<>(List.of(Map.of("type", "batch"), Map.of("type", "space", "id", "y", "size", y), Map.of(
			"type", "space", "id", "x", "size", x), Map.of("type", "channel", "channel_names", List.of("c0"))));
	}

	private Map<String, Object> tensor(final String id, final List<Map<String, Object>> axes, final String test) {
		final Map<String, Object> t = new LinkedHashMap<>();
		t.put("id", id);
		t.put("axes", axes);
		t.put("test_tensor", Map.of("source", test, "sha256", sha256(test)));
		return t;
	}

	private String refusal(final Map<String, Object> rdf) throws Exception {
		Rdf.write(rdf, dir.resolve("rdf.yaml"));
		return assertThrows(UnsupportedPackageException.class, () -> PackageModels.folder(dir)).getMessage();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> input(final Map<String, Object> rdf) {
		return ((List<Map<String, Object>>) rdf.get("inputs")).get(0);
	}

	@Test
	void otherWeightFormatsAreRefusedByName() throws Exception {
		final Map<String, Object> rdf = rdf();
		rdf.put("weights", Map.of("onnx", Map.of("source", "model.onnx", "opset_version", 15), "torchscript", Map.of(
			"source", "model.pt", "pytorch_version", "2.1")));
		final String m = refusal(rdf);
		assertTrue(m.contains("onnx") && m.contains("torchscript") && m.contains("tensorflow_saved_model_bundle"), m);
	}

	@Test
	void nchwAxesAreRefusedSayingWhichLayoutRestoreJRuns() throws Exception {
		final Map<String, Object> rdf = rdf();
		final List<Map<String, Object>> axes = byxc(Map.of("min", 16, "step", 8));
		axes.add(1, axes.remove(3));
		input(rdf).put("axes", axes);
		final String m = refusal(rdf);
		assertTrue(m.contains("[batch, channel, space y, space x]") && m.contains("NCHW"), m);
	}

	@Test
	void everyUnsupportedFeatureIsNamedAtOnce() throws Exception {
		final Map<String, Object> rdf = rdf();
		input(rdf).put("preprocessing", List.of(Map.of("id", "sigmoid", "kwargs", Map.of())));
		@SuppressWarnings("unchecked")
		final List<Map<String, Object>> inputs = (List<Map<String, Object>>) rdf.get("inputs");
		inputs.add(tensor("mask", byxc(Map.of("min", 16, "step", 8)), "in.npy"));
		final String m = refusal(rdf);
		assertTrue(m.contains("2 inputs"), m);
		rdf.put("inputs", List.of(input(rdf)));
		final String one = refusal(rdf);
		assertTrue(one.contains("preprocessing step sigmoid"), one);
	}

	@Test
	void fixedSidesAndOtherDataTypesAreRefused() throws Exception {
		final Map<String, Object> rdf = rdf();
		input(rdf).put("axes", byxc(Map.of("min", 20, "step", 8)));
		input(rdf).put("data", Map.of("type", "uint8"));
		final String m = refusal(rdf);
		assertTrue(m.contains("min must be a multiple of step") && m.contains("data type uint8"), m);
		final Map<String, Object> fixed = rdf();
		final List<Map<String, Object>> axes = byxc(Map.of("min", 16, "step", 8));
		axes.set(1, Map.of("type", "space", "id", "y", "size", 256));
		input(fixed).put("axes", axes);
		assertTrue(refusal(fixed).contains("fixed sizes are not supported"));
	}

	@Test
	void aPostprocessingThatIsNotTheInverseOfThePreprocessingIsRefused() throws Exception {
		final Map<String, Object> rdf = rdf();
		input(rdf).put("preprocessing", List.of(Map.of("id", "scale_linear", "kwargs", Map.of("gain", 0.01))));
		@SuppressWarnings("unchecked")
		final Map<String, Object> output = ((List<Map<String, Object>>) rdf.get("outputs")).get(0);
		output.put("postprocessing", List.of(Map.of("id", "scale_linear", "kwargs", Map.of("gain", 50))));
		assertTrue(refusal(rdf).contains("not the inverse of the preprocessing"));
	}

	@Test
	void aSupportedCraftedPackageConvertsAndAWrongSha256IsRefused() throws Exception {
		final Map<String, Object> rdf = rdf();
		input(rdf).put("preprocessing", List.of(Map.of("id", "fixed_zero_mean_unit_variance", "kwargs", Map.of("mean",
			100, "std", 20))));
		Rdf.write(rdf, dir.resolve("rdf.yaml"));
		final Path folder = PackageModels.folder(dir);
		assertTrue(Files.isRegularFile(folder.resolve("saved_model/saved_model.pb")));
		// (v - 100) / 20 maps 100 to 0 and 120 to 1; the output is the network's
		assertEquals(ModelDescriptionsView.normalization(folder), "range 100.0..120.0 output none");
		final Map<String, Object> bad = rdf();
		bad.put("weights", Map.of("tensorflow_saved_model_bundle", Map.of("source", "weights.zip", "sha256", "0"
			.repeat(64), "tensorflow_version", "2.18")));
		Rdf.write(bad, dir.resolve("rdf.yaml"));
		final String m = assertThrows(InvalidPackageException.class, () -> PackageModels.folder(dir)).getMessage();
		assertTrue(m.contains("weights.zip does not match its sha256"), m);
	}

	@Test
	void zipEntriesThatEscapeTheFolderAreRefused() throws Exception {
		for (final String name : List.of("../evil.txt", "/etc/evil", "a/../../evil", "C:\\evil")) {
			final Path zip = dir.resolve("evil.zip");
			zip(zip, Map.of("rdf.yaml", "type: model", name, "owned"));
			final String m = assertThrows(InvalidPackageException.class, () -> SafeZip.extract(zip, dir.resolve("x"),
				SafeZip.Limits.DEFAULT), name).getMessage();
			assertTrue(m.contains(name), m);
			assertFalse(Files.exists(dir.resolve("evil.txt")) || Files.exists(dir.getParent().resolve("evil.txt")));
		}
	}

	@Test
	void aZipThatUnpacksBeyondTheLimitsIsRefused() throws Exception {
		final Path zip = dir.resolve("bomb.zip");
		// 4 MB of zeros compress to a few kB
		zip(zip, Map.of("zeros", "\0".repeat(4 << 20), "more", "x"));
		assertTrue(Files.size(zip) < 100_000);
		final String m = assertThrows(InvalidPackageException.class, () -> SafeZip.extract(zip, dir.resolve("b"),
			new SafeZip.Limits(100, 1 << 20))).getMessage();
		assertTrue(m.contains("more than 1048576 bytes"), m);
		assertTrue(assertThrows(InvalidPackageException.class, () -> SafeZip.extract(zip, dir.resolve("c"),
			new SafeZip.Limits(1, 8 << 20))).getMessage().contains("more than 1 entries"));
	}

	/** What a run left in the cache: converted model descriptions and partial folders. */
	private List<Path> cacheLeftovers() throws Exception {
		final Path cache = dir.resolve("cache");
		if (!Files.exists(cache)) return List.of();
		try (var all = Files.walk(cache)) {
			return all.filter(p -> p.getFileName().toString().equals("model.json") || p.getFileName().toString()
				.contains(".partial")).toList();
		}
	}

	@Test
	void yamlAnchorsAndAliasesAreRefusedBeforeAnythingExpands() throws Exception {
		final Map<String, Object> rdf = rdf();
		rdf.put("config", Map.of("restorej", Map.of("config", Map.of("dim", 8))));
		Rdf.write(rdf, dir.resolve("rdf.yaml"));
		// 24 levels of two aliases each (48, under SnakeYAML's alias limit) doubling a leaf: 2^24 leaves if expanded
		final StringBuilder bomb = new StringBuilder("      l0: &a0 \"").append("x".repeat(1000)).append("\"\n");
		for (int level = 1; level <= 24; level++)
			bomb.append("      l").append(level).append(": &a").append(level).append(" [*a").append(level - 1).append(
				", *a").append(level - 1).append("]\n");
		final String yaml = Files.readString(dir.resolve("rdf.yaml"));
		Files.writeString(dir.resolve("rdf.yaml"), yaml.replace("    config:\n", "    config:\n" + bomb));
		final String m = assertThrows(InvalidPackageException.class, () -> PackageModels.folder(dir)).getMessage();
		assertTrue(m.contains("anchor or alias 'a0'") && m.contains(dir.toString()), m);
		assertEquals(List.of(), cacheLeftovers());
		// zipped, the error names the package, not the temporary copy of its rdf.yaml
		final Path zip = dir.resolve("bomb.zip");
		zip(zip, Map.of("rdf.yaml", Files.readString(dir.resolve("rdf.yaml"))));
		final String z = assertThrows(InvalidPackageException.class, () -> PackageModels.folder(zip)).getMessage();
		assertTrue(z.contains("The bioimage.io package " + zip + " ") && !z.contains(".partial"), z);
		assertEquals(List.of(), cacheLeftovers());
	}

	@Test
	void aZipBombIsRefusedByItsDeclaredSizesBeforeAByteIsWritten() throws Exception {
		final Path zip = dir.resolve("bomb.zip");
		try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
			z.putNextEntry(new ZipEntry("rdf.yaml"));
			z.write("type: model\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
			z.putNextEntry(new ZipEntry("zeros.npy"));
			final byte[] mb = new byte[1 << 20];
			for (int i = 0; i < 64; i++)
				z.write(mb);
			z.closeEntry();
		}
		assertTrue(Files.size(zip) < 200_000, "64 MB of zeros compress to about 64 kB");
		final Path target = dir.resolve("unpacked");
		final String m = assertThrows(InvalidPackageException.class, () -> SafeZip.extract(zip, target,
			SafeZip.Limits.DEFAULT)).getMessage();
		assertTrue(m.contains("'zeros.npy' declares 67108864 bytes") && m.contains("zip bomb"), m);
		try (var written = Files.walk(target)) {
			assertEquals(List.of(), written.filter(Files::isRegularFile).toList());
		}
		assertThrows(InvalidPackageException.class, () -> PackageModels.folder(zip));
		assertEquals(List.of(), cacheLeftovers());
	}

	@Test
	void theInnerWeightsZipCountsAgainstWhatThePackageLeft() throws Exception {
		final Path zip = dir.resolve("small.zip");
		zip(zip, Map.of("a", "x".repeat(600)));
		assertEquals(600, SafeZip.extract(zip, dir.resolve("first"), new SafeZip.Limits(10, 1000)));
		final SafeZip.Limits left = new SafeZip.Limits(10, 1000).less(600);
		assertEquals(400, left.maxBytes());
		final String m = assertThrows(InvalidPackageException.class, () -> SafeZip.extract(zip, dir.resolve("second"),
			left)).getMessage();
		assertTrue(m.contains("more than 400 bytes"), m);
	}

	@Test
	void aFileWithoutSha256IsRefusedNamingTheField() throws Exception {
		final Map<String, Object> rdf = rdf();
		rdf.put("weights", Map.of("tensorflow_saved_model_bundle", Map.of("source", "weights.zip",
			"tensorflow_version", "2.18")));
		Rdf.write(rdf, dir.resolve("rdf.yaml"));
		final String m = assertThrows(InvalidPackageException.class, () -> PackageModels.folder(dir)).getMessage();
		assertTrue(m.contains("weights.tensorflow_saved_model_bundle.sha256 is missing for weights.zip"), m);
		final Map<String, Object> noTestSha = rdf();
		input(noTestSha).put("test_tensor", Map.of("source", "in.npy"));
		Rdf.write(noTestSha, dir.resolve("rdf.yaml"));
		assertTrue(assertThrows(InvalidPackageException.class, () -> PackageModels.folder(dir)).getMessage().contains(
			"inputs[0].test_tensor.sha256 is missing"));
	}

	@Test
	void sizesThatWouldTruncateDivideByZeroOrOverflowAreRefusedByName() throws Exception {
		final Map<String, String> expected = new LinkedHashMap<>();
		final Map<String, Map<String, Object>> packages = new LinkedHashMap<>();
		final Map<String, Object> huge = rdf();
		input(huge).put("axes", byxc(Map.of("min", 1L << 40, "step", 8)));
		packages.put("min 2^40", huge);
		expected.put("min 2^40", "inputs[0].axes[1].size.min is 1099511627776, not a whole number from 1 to 8192");
		final Map<String, Object> zeroStep = rdf();
		input(zeroStep).put("axes", byxc(Map.of("min", 16, "step", 0)));
		packages.put("step 0", zeroStep);
		expected.put("step 0", "inputs[0].axes[1].size.step is 0, not a whole number from 1 to 8192");
		final Map<String, Object> noY = rdf();
		final List<Map<String, Object>> axes = byxc(Map.of("min", 16, "step", 8));
		axes.set(1, Map.of("type", "space", "id", "y"));
		input(noY).put("axes", axes);
		packages.put("no y size", noY);
		expected.put("no y size", "inputs[0].axes[1].size (the y axis's size) is missing");
		final Map<String, Object> tile = rdf();
		tile.put("config", Map.of("restorej", Map.of("tileSize", Integer.MAX_VALUE)));
		packages.put("tileSize 2^31-1", tile);
		expected.put("tileSize 2^31-1", "config.restorej.tileSize is 2147483647, not a whole number from 1 to 8192");
		for (final String name : packages.keySet()) {
			Rdf.write(packages.get(name), dir.resolve("rdf.yaml"));
			final String m = assertThrows(InvalidPackageException.class, () -> PackageModels.folder(dir), name)
				.getMessage();
			assertTrue(m.contains(expected.get(name)), m);
		}
		assertEquals(List.of(), cacheLeftovers());
	}

	@Test
	void aSymbolicLinkInsideAPackageFolderIsRefused() throws Exception {
		Rdf.write(rdf(), dir.resolve("rdf.yaml"));
		Files.writeString(dir.resolve("secret.txt"), "elsewhere");
		Files.createDirectories(dir.resolve("docs"));
		Files.createSymbolicLink(dir.resolve("docs/link"), dir.resolve("secret.txt"));
		final String m = assertThrows(InvalidPackageException.class, () -> PackageModels.folder(dir)).getMessage();
		assertTrue(m.contains("symbolic link docs/link"), m);
	}

	private static void zip(final Path zip, final Map<String, String> entries) throws Exception {
		try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
			for (final Map.Entry<String, String> e : entries.entrySet()) {
				z.putNextEntry(new ZipEntry(e.getKey()));
				z.write(e.getValue().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
				z.closeEntry();
			}
		}
	}

	/** The converted model's declaration, in a few words. */
	private static final class ModelDescriptionsView {
		static String normalization(final Path folder) {
			final var n = org.restorej.model.ModelDescriptions.read(folder).normalization();
			return n.method() + " " + n.min() + ".." + n.max() + " output " + n.output();
		}
	}
}
