package org.restorej.bioimageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.cli.Main;
import org.restorej.io.Npy;
import org.restorej.io.NpyArray;

/**
 * {@code restorej export --format bioimageio}: the bundled models and an imported official-format
 * checkpoint become packages that follow the format 0.5 ({@link PackageSpecification}) and say what the
 * model is.
 */
class PackageExportTest {

	@TempDir
	Path dir;

	static Path export(final String model, final Path zip) throws Exception {
		assertEquals(0, Main.execute("export", "--format", "bioimageio", "--model", model, "-o", zip.toString()));
		return zip;
	}

	static Path unpack(final Path zip, final Path into) throws Exception {
		SafeZip.extract(zip, into, SafeZip.Limits.DEFAULT);
		return into;
	}

	@Test
	void theBundledRestormerBecomesAPackageOfFormat05WithItsPercentileNormalisation() throws Exception {
		final Path root = unpack(export("models/restormer-fluorescence-denoising", dir.resolve("r.zip")), dir.resolve(
			"r"));
		final Map<String, Object> rdf = PackageSpecification.check(root);
		assertEquals("Apache-2.0", rdf.get("license"));
		assertTrue(cite(rdf).get("text").toString().contains("Restormer"), "cites the Restormer paper");
		assertEquals("10.1109/CVPR52688.2022.00564", cite(rdf).get("doi"));
		final Map<String, Object> input = tensor(rdf, "inputs"), output = tensor(rdf, "outputs");
		// the model's declared percentiles 1 and 99.8 of the whole plane; format 0.5 has no step for their inverse,
		// so the package returns the network's output
		assertEquals(List.of(Map.of("id", "scale_range", "kwargs", Map.of("axes", List.of("channel", "y", "x"),
			"min_percentile", 1.0, "max_percentile", 99.8))), input.get("preprocessing"));
		final Object post = output.get("postprocessing");
		assertTrue(post == null || ((List<?>) post).isEmpty(), "no way back: " + post);
		// sides: multiples of 8 above twice the tiling's halo of 32
		assertEquals(Map.of("min", 72, "step", 8), axis(input, 1).get("size"));
		assertEquals(32, axis(output, 1).get("halo"));
		final NpyArray testIn = Npy.read(root.resolve("test_input.npy"));
		assertEquals(List.of(1L, 128L, 128L, 1L), List.of(testIn.shape()[0], testIn.shape()[1], testIn.shape()[2], testIn
			.shape()[3]), "byxc, at an allowed side");
		// the test tensors are what the package computes: verify on the package checks them
		assertEquals(0, Main.execute("verify", "--model", dir.resolve("r.zip").toString()));
	}

	@Test
	void theBundledAstCitesItsPaperAndDeclaresItsWindowGrid() throws Exception {
		final Path root = unpack(export("models/ast-fluorescence-restoration", dir.resolve("a.zip")), dir.resolve("a"));
		final Map<String, Object> rdf = PackageSpecification.check(root);
		assertTrue(cite(rdf).get("text").toString().contains("Adaptive Sparse Transformer"));
		assertTrue(cite(rdf).get("url").toString().contains("openaccess.thecvf.com"));
		// multiples of 64, above twice the halo of 64
		assertEquals(Map.of("min", 192, "step", 64), axis(tensor(rdf, "inputs"), 1).get("size"));
		assertTrue(((List<?>) rdf.get("tags")).contains("ast"));
	}

	@Test
	void anImportedOfficialCheckpointKeepsItsNonCommercialLicenseOutOfTheSpdxField() throws Exception {
		final Path model = dir.resolve("tiny");
		assertEquals(0, Main.execute("import", Paths.get("models/demo/restormer-tiny-random.pth").toString(), "-o", model
			.toString()));
		final Path root = unpack(export(model.toString(), dir.resolve("t.zip")), dir.resolve("t"));
		final Map<String, Object> rdf = PackageSpecification.check(root);
		assertNull(rdf.get("license"), "no SPDX identifier exists for Restormer's academic license");
		assertTrue(rdf.get("description").toString().contains("non-commercial"));
		assertTrue(Files.readString(root.resolve(org.restorej.bioimageio.export.PackageWriter.WEIGHTS_LICENSE)).contains("github.com/swz30/Restormer"));
		assertEquals(List.of(Map.of("name", "RestoreJ contributors")), rdf.get("authors"), "RestoreJ wrote the " +
			"description; the paper is cited");
		// the model's channel meanings ("channel 0", ...) as identifiers
		assertEquals(List.of("channel_0", "channel_1", "channel_2"), axis(tensor(rdf, "inputs"), 3).get("channel_names"));
		assertTrue(Files.readString(root.resolve("README.md")).contains("## Validation"));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> tensor(final Map<String, Object> rdf, final String key) {
		return ((List<Map<String, Object>>) rdf.get(key)).get(0);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> axis(final Map<String, Object> tensor, final int i) {
		return ((List<Map<String, Object>>) tensor.get("axes")).get(i);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cite(final Map<String, Object> rdf) {
		return ((List<Map<String, Object>>) rdf.get("cite")).get(0);
	}
}
