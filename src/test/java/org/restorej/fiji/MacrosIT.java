package org.restorej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import ij.ImagePlus;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.ReadmeExamples;
import org.restorej.imagej.TiffFiles;
import org.restorej.metrics.Psnr;
import org.restorej.metrics.Ssim;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.SmallModels;
import org.restorej.restore.TestImages;
import org.restorej.restore.local.LocalImageRestorer;

/**
 * Every macro of {@code macros/}, run by a real ImageJ 1.54 in headless batch mode on the packaged
 * layout (its {@code plugins/RestoreJ_.jar}, its {@code restorej/} worker jars), with ij1-patcher
 * making {@code run(...)} work headless as Fiji does. Each test checks the images the macro wrote
 * against the engine run in this JVM.
 */
class MacrosIT {

	@TempDir
	static Path dir;

	static Path fiji;

	@BeforeAll
	static void layout() {
		fiji = ForkedJvm.fijiLayout();
	}

	/**
	 * {@code java -javaagent:ij1-patcher.jar=init ... -cp ij.jar:...:plugins/RestoreJ_.jar ij.ImageJ -ijpath
	 * FIJI -batch MACRO ARGS}, as README shows. The patched ImageJ loads plugins through the class path,
	 * as Fiji's launcher sets it, so RestoreJ_.jar is on it as well as in {@code plugins/}.
	 */
	static ForkedJvm.Result runMacro(final String macro, final String args) throws Exception {
		return runMacro(fiji.resolve("macros").resolve(macro), args);
	}

	static ForkedJvm.Result runMacro(final Path macro, final String args) throws Exception {
		final Path patcher = ForkedJvm.jarOf("net.imagej.patcher.LegacyInjector");
		final ForkedJvm.Result r = ForkedJvm.run(List.of("-javaagent:" + patcher + "=init",
			"--add-opens=java.base/java.lang=ALL-UNNAMED", "-Djava.awt.headless=true"), List.of(ForkedJvm.jarOf(
				"ij.ImagePlus"), ForkedJvm.jarOf("javassist.ClassPool"), ForkedJvm.jarOf("io.github.classgraph.ClassGraph"),
				fiji.resolve("plugins/RestoreJ_.jar")), "ij.ImageJ", List.of("-ijpath", fiji.toString(), "-batch", fiji.resolve("macros").resolve(macro).toString(),
				args), dir, 900);
		System.out.println(macro + " " + args + ":\n" + r.output());
		return r;
	}

	static float[] local(final Path image, final String options) {
		try (LocalImageRestorer r = new LocalImageRestorer(SmallModels.grey())) {
			return TestImages.samples(r.restore(TiffFiles.open(image), RestoreSettings.parse(options), RunMonitor.SILENT));
		}
	}

	@Test
	void everyMacroHasATest() throws Exception {
		try (Stream<Path> s = Files.list(fiji.resolve("macros"))) {
			assertEquals(List.of("RestoreJ_Batch_Folder.ijm", "RestoreJ_Compare_Images.ijm",
				"RestoreJ_Compare_Tile_Sizes.ijm", "RestoreJ_Restore_Image.ijm"), s.map(p -> p.getFileName().toString()).sorted().toList(),
				"a new macro needs a test here");
		}
	}

	@Test
	void restoreImageMacro() throws Exception {
		final Path in = dir.resolve("cells.tif"), out = dir.resolve("cells-restored.tif");
		TiffFiles.save(TestImages.calibrated(TestImages.grey16("cells.tif", 70, 52, 41)), in, false);
		final ForkedJvm.Result r = runMacro("RestoreJ_Restore_Image.ijm", "model=[" + SmallModels.grey() + "] input=[" +
			in + "] output=[" + out + "]");
		assertTrue(r.output().contains("Restored: cells-restored.tif (70x52, 16-bit)"), r.output());
		final ImagePlus restored = TiffFiles.open(out);
		assertArrayClose(local(in, "type=same"), TestImages.samples(restored));
		assertEquals(0.25, restored.getCalibration().pixelWidth);
		assertEquals("micron", restored.getCalibration().getUnit());
	}

	@Test
	void batchFolderMacro() throws Exception {
		final Path in = Files.createDirectories(dir.resolve("raw")), out = dir.resolve("restored");
		TiffFiles.save(TestImages.grey16("a.tif", 40, 36, 42), in.resolve("a.tif"), false);
		TiffFiles.save(TestImages.hyperstack16("b.tif", 32, 32, 1, 3, 2), in.resolve("b.tif"), false);
		Files.writeString(in.resolve("c.tif"), "not an image");
		final ForkedJvm.Result r = runMacro("RestoreJ_Batch_Folder.ijm", "model=[" + SmallModels.grey() + "] input=[" +
			in + "] output=[" + out + "]");
		assertTrue(r.output().contains("2 of 3 image(s)") && r.output().contains("c.tif: FAILED"), r.output());
		for (final String name : new String[] { "a.tif", "b.tif" })
			assertArrayClose(local(in.resolve(name), "type=same"), TestImages.samples(TiffFiles.open(out.resolve(name))));
		assertEquals(3, TiffFiles.open(out.resolve("b.tif")).getNSlices());
		try (Stream<Path> s = Files.list(out)) {
			assertEquals(List.of("a.tif", "b.tif"), s.map(p -> p.getFileName().toString()).sorted().toList());
		}
	}

	@Test
	void compareTileSizesMacro() throws Exception {
		final Path in = dir.resolve("compare.tif"), out = dir.resolve("comparison");
		TiffFiles.save(TestImages.grey16("compare.tif", 90, 70, 43), in, false);
		final ForkedJvm.Result r = runMacro("RestoreJ_Compare_Tile_Sizes.ijm", "model=[" + SmallModels.grey() +
			"] input=[" + in + "] output=[" + out + "] tiles=24,48 halo=12");
		assertEquals(0, r.exitCode(), r.output());
		assertArrayClose(local(in, "tile=none"), TestImages.samples(TiffFiles.open(out.resolve("tile-none.tif"))));
		assertArrayClose(local(in, "tile=24 halo=12"), TestImages.samples(TiffFiles.open(out.resolve("tile-24.tif"))));
		final List<String> table = Files.readAllLines(out.resolve("tile-comparison.tsv"));
		assertEquals(4, table.size(), table.toString());
		// halo 12 leaves a context of 3 on each side, the network's reach: tiled equals untiled up to
		// float32 rounding of values near 40000 (one unit in the last place is 0.004)
		for (final String row : table.subList(2, 4))
			assertTrue(Double.parseDouble(row.split("\t")[2]) < 0.05, row);
	}

	@Test
	void compareImagesMacro() throws Exception {
		final ImagePlus clean = TestImages.grey16("clean.tif", 48, 40, 45), noisy = TestImages.grey16("noisy.tif", 48,
			40, 46);
		final Path c = dir.resolve("clean.tif"), n = dir.resolve("noisy.tif");
		TiffFiles.save(clean, c, false);
		TiffFiles.save(noisy, n, false);
		final ForkedJvm.Result r = runMacro("RestoreJ_Compare_Images.ijm", "test=[" + n + "] reference=[" + c + "]");
		final float[] a = TestImages.samples(clean), b = TestImages.samples(noisy);
		final String expected = String.format(Locale.ROOT, "noisy.tif against clean.tif: PSNR %.4f dB, SSIM %.6f", Psnr
			.of(a, b, 65535), Ssim.of(a, b, 40, 48, 1, 65535));
		assertTrue(r.output().contains(expected), r.output() + " should contain " + expected);
	}

	@Test
	void readmeMacroExample() throws Exception {
		final Path in = dir.resolve("readme-cells.tif"), out = dir.resolve("readme-cells-restored.tif");
		TiffFiles.save(TestImages.calibrated(TestImages.grey16("readme-cells.tif", 64, 48, 44)), in, false);
		final Path macro = dir.resolve("readme.ijm");
		Files.writeString(macro, ReadmeExamples.example("macro", Map.of(ReadmeExamples.MODEL, SmallModels.grey()
			.toString(), "/data/cells.tif", in.toString(), "/data/cells-restored.tif", out.toString())));
		final ForkedJvm.Result r = runMacro(macro, "");
		assertEquals(0, r.exitCode(), r.output());
		assertArrayClose(local(in, "tile=256 halo=32 type=same"), TestImages.samples(TiffFiles.open(out)));
	}

	/**
	 * README's headless macro command, verbatim but for the model and {@code /data/...} paths, run by the
	 * shell from the clone: every file it names is where {@code mvn package} puts it.
	 */
	@Test
	void readmeHeadlessMacroCommand() throws Exception {
		final Path in = dir.resolve("headless-cells.tif"), out = dir.resolve("headless-cells-restored.tif");
		TiffFiles.save(TestImages.calibrated(TestImages.grey16("headless-cells.tif", 64, 48, 47)), in, false);
		final String command = ReadmeExamples.example("macro-headless", Map.of(ReadmeExamples.MODEL, SmallModels
			.grey().toString(), "/data/cells.tif", in.toString(), "/data/cells-restored.tif", out.toString()));
		final Process p = new ProcessBuilder("bash", "-c", command).directory(ReadmeExamples.projectRoot().toFile())
			.redirectErrorStream(true).start();
		final String said = new String(p.getInputStream().readAllBytes());
		assertEquals(0, p.waitFor(), said);
		assertTrue(said.contains("Restored: headless-cells-restored.tif (64x48, 16-bit)"), said);
		assertArrayClose(local(in, "type=same"), TestImages.samples(TiffFiles.open(out)));
	}

	private static void assertArrayClose(final float[] expected, final float[] actual) {
		TestImages.assertClose(expected, actual, "macro output");
	}
}
