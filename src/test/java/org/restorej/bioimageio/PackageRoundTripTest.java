package org.restorej.bioimageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import ij.ImagePlus;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.cli.Main;
import org.restorej.engine.Axes;
import org.restorej.engine.RestoreOptions;
import org.restorej.engine.Restorer;
import org.restorej.engine.normalize.Normalization;
import org.restorej.imagej.TiffFiles;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.restore.SmallModels;
import org.restorej.restore.TestImages;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;

/**
 * Export, then restore with the package: the same pixels as with the model folder, for the bundled
 * Restormer on the command line and for declarations whose inverse the format cannot express
 * (percentiles with a clip, standardisation), which RestoreJ's own packages carry in config.restorej.
 */
class PackageRoundTripTest {

	@TempDir
	static Path dir;

	@BeforeAll
	static void ownCache() {
		System.setProperty("restorej.cache", dir.resolve("cache").toString());
	}

	@Test
	void restoringWithTheBundledRestormersPackageEqualsRestoringWithItsFolder() throws Exception {
		final Path zip = PackageExportTest.export("models/restormer-fluorescence-denoising", dir.resolve("r.zip"));
		final Path unpacked = PackageExportTest.unpack(zip, dir.resolve("r"));
		final Path in = dir.resolve("in.tif");
		TiffFiles.save(TestImages.grey16("in.tif", 72, 56, 7), in, false);
		final float[] viaFolder = restore("models/restormer-fluorescence-denoising", in, "folder.tif");
		assertArrayEquals(viaFolder, restore(zip.toString(), in, "zip.tif"), "the zip restores exactly as the folder");
		assertArrayEquals(viaFolder, restore(unpacked.toString(), in, "unpacked.tif"), "and so does the unpacked package");
		assertEquals(0, Main.execute("verify", "--model", unpacked.toString()), "its test tensors check out");
		assertTrue(Files.isDirectory(PackageModels.cacheRoot()), "converted into the cache");
	}

	@Test
	void aPercentileModelWithClipRoundTripsThroughItsPackageExactly() throws Exception {
		final ModelDescription.Normalization n = ModelDescription.Normalization.percentile(2, 99, "plane", false)
			.withClip();
		final Path folder = withNormalization(n, "percentile-clip");
		final Path zip = PackageExportTest.export(folder.toString(), dir.resolve("p.zip"));
		final Map<String, Object> rdf = PackageSpecification.check(PackageExportTest.unpack(zip, dir.resolve("p")));
		assertEquals("scale_range", step(PackageExportTest.tensor(rdf, "inputs"), "preprocessing"));
		assertEquals("clip", step(PackageExportTest.tensor(rdf, "outputs"), "postprocessing"));
		assertArrayEquals(declared(folder), declared(zip));
		assertEquals(n, ModelDescriptions.read(PackageModels.folder(zip)).normalization());
	}

	@Test
	void aStandardizingModelRoundTripsAndItsTestTensorsVerify() throws Exception {
		final Path folder = withNormalization(ModelDescription.Normalization.standardize("image", true), "standardize");
		final Path zip = PackageExportTest.export(folder.toString(), dir.resolve("s.zip"));
		assertArrayEquals(declared(folder), declared(zip));
		assertEquals(0, Main.execute("verify", "--model", zip.toString()));
	}

	@Test
	void withoutRestoreJsConfigThePackageIsReadFromItsStepsAndReturnsTheNetworksOutput() throws Exception {
		final Path folder = withNormalization(ModelDescription.Normalization.percentile(1, 99.8, "plane", false),
			"percentile");
		final Path root = PackageExportTest.unpack(PackageExportTest.export(folder.toString(), dir.resolve("q.zip")), dir
			.resolve("q"));
		final Map<String, Object> rdf = Rdf.read(root.resolve(Rdf.FILE_NAME));
		rdf.remove("config");
		Rdf.write(rdf, root.resolve(Rdf.FILE_NAME));
		final ModelDescription d = ModelDescriptions.read(PackageModels.folder(root));
		assertEquals(ModelDescription.Normalization.percentile(1, 99.8, "plane", false).withOutputAsIs(), d
			.normalization());
		final float[] out = declared(root);
		assertFalse(java.util.Arrays.equals(declared(folder), out));
		// the network's values: the small convolution keeps a ramp's values near the [0, 1] it was mapped to
		for (final float v : out)
			assertTrue(v > -2 && v < 3, "network range, not raw units: " + v);
		assertEquals(0, Main.execute("verify", "--model", root.toString()));
	}

	/** A copy of the small test model declaring {@code n}. */
	private static Path withNormalization(final ModelDescription.Normalization n, final String name) throws Exception {
		final Path copy = dir.resolve(name);
		final Path source = SmallModels.grey();
		try (var files = Files.walk(source)) {
			for (final Path p : files.toList())
				Files.copy(p, copy.resolve(source.relativize(p).toString()));
		}
		ModelDescriptions.write(ModelDescriptions.read(copy).withNormalization(n), copy);
		return copy;
	}

	/** The engine with the model's declared normalisation on a 16-bit ramp of 3 planes. */
	private static float[] declared(final Path model) {
		final short[] v = new short[40 * 32 * 3];
		for (int i = 0; i < v.length; i++)
			v[i] = (short) (1000 + i % 1280 * 20 + i / 1280 * 3000);
		final Img<UnsignedShortType> img = ArrayImgs.unsignedShorts(v, 40, 32, 3);
		try (LoadedModel m = LoadedModel.load(PackageModels.folder(model), ExecutionOptions.cpu())) {
			final Img<FloatType> out = Restorer.of(m).restoreAsFloat(img, Axes.of("XYZ"), RestoreOptions.defaults()
				.withLog(s -> {}).withNormalization(Normalization.declaredBy(m.description())));
			final float[] f = new float[v.length];
			int i = 0;
			for (final FloatType t : out)
				f[i++] = t.get();
			return f;
		}
	}

	private static float[] restore(final String model, final Path in, final String name) throws Exception {
		final Path out = dir.resolve(name);
		assertEquals(0, Main.execute("restore", "--model", model, in.toString(), out.toString()));
		final ImagePlus imp = TiffFiles.open(out);
		return (float[]) imp.getProcessor().getPixels();
	}

	@SuppressWarnings("unchecked")
	private static String step(final Map<String, Object> tensor, final String key) {
		final java.util.List<Map<String, Object>> steps = (java.util.List<Map<String, Object>>) tensor.get(key);
		return (String) steps.get(steps.size() - 1).get("id");
	}
}
