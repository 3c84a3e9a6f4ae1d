package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.imagej.TiffFiles;
import org.restorej.restore.DeclaringModels;
import org.restorej.restore.TestImages;

/** {@code restore --normalize auto|range|percentile|none} and the off-scale warning on the command line. */
class NormalizeOptionTest {

	@TempDir
	static Path dir;

	private static float[] restore(final Path model, final Path in, final String name, final String... options) {
		final Path out = dir.resolve(name);
		final java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("restore", "--model", model
			.toString(), "--tile", "32"));
		args.addAll(java.util.List.of(options));
		args.add(in.toString());
		args.add(out.toString());
		final CommandLineTest.Run r = CommandLineTest.run(args.toArray(String[]::new));
		assertEquals(0, r.exitCode(), r.err());
		return TestImages.samples(TiffFiles.open(out));
	}

	@Test
	void theDefaultIsWhatTheModelDeclaresAndAnOptionOverridesIt() throws Exception {
		final Path model = DeclaringModels.percentile(dir), in = dir.resolve("cells.tif");
		TiffFiles.save(TestImages.grey16("cells.tif", 61, 47, 51), in, false);
		final float[] auto = restore(model, in, "auto.tif");
		TestImages.assertClose(restore(model, in, "percentile.tif", "--normalize", "percentile", "--percentiles",
			"2,98"), auto, "the declared percentiles");
		TestImages.assertClose(auto, restore(model, in, "explicit-auto.tif", "--normalize", "auto"), "--normalize auto");
		final float[] range = restore(model, in, "range.tif", "--normalize", "range");
		double d = 0;
		for (int i = 0; i < auto.length; i++)
			d = Math.max(d, Math.abs(auto[i] - range[i]));
		assertTrue(d > 100, "--normalize range overrides the declaration: " + d);
	}

	@Test
	void infoPrintsTheDeclaration() {
		final CommandLineTest.Run r = CommandLineTest.run("info", "--model", DeclaringModels.percentile(dir).toString());
		assertEquals(0, r.exitCode(), r.err());
		assertTrue(r.out().contains("Normalize:    percentile 2..98 over the image, channels together"), r.out());
	}

	@Test
	void anOffScaleResultIsReportedOnStandardError() throws Exception {
		final Path in = dir.resolve("bright.tif"), out = dir.resolve("bright-restored.tif");
		TiffFiles.save(TestImages.grey16("bright.tif", 40, 30, 52), in, false);
		final CommandLineTest.Run r = CommandLineTest.run("restore", "--model", DeclaringModels.offScale(dir).toString(),
			in.toString(), out.toString());
		assertEquals(0, r.exitCode(), "the result is still written: " + r.err());
		assertTrue(r.err().contains("Warning: the result for bright.tif is probably off scale") && r.err().contains(
			"normalize=percentile"), r.err());
	}
}
