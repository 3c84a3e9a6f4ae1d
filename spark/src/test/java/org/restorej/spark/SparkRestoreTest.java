package org.restorej.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import net.imglib2.img.Img;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.restore.RestoreSettings;

/**
 * The Spark job on {@code local[2]}: its output equals one machine's restore of the same image bit for
 * bit (percentiles counted block by block and merged, blocks restored apart), and a failing block stops
 * the job with the block and the cause, leaving no output.
 */
class SparkRestoreTest {

	private static final String[] OPTIONS = { "--tile", "48", "--halo", "16", "--output-type", "same", "--threads",
		"1" };

	@TempDir
	Path dir;

	private static String[] args(final Path model, final Path in, final Path out, final String... more) {
		final java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("--master", "local[2]", "--model",
			model.toString(), "--block", "64", in.toString(), out.toString()));
		a.addAll(java.util.List.of(OPTIONS));
		a.addAll(java.util.List.of(more));
		return a.toArray(String[]::new);
	}

	@Test
	void outputEqualsTheSingleMachineRestoreBitForBit() throws Exception {
		final Path model = TestModels.percentileModel(dir.resolve("model"));
		final Path in = Reference.input(dir.resolve("in.zarr"), 203, 150, 2, 32);
		final Path out = dir.resolve("out.zarr");
		final StringWriter err = new StringWriter();
		assertEquals(0, SparkRestore.execute(new PrintWriter(err, true), args(model, in, out)), err.toString());
		final Img<?> expected = Reference.restore(in, model, RestoreSettings.parse(
			"tile=48 halo=16 type=same threads=1"));
		assertEquals(0, Reference.differing(out, (Img) expected), "pixels differing from one machine's restore");
		final ZarrIO.Image result = ZarrIO.open(out);
		assertEquals("XYC", result.letters());
		assertTrue(result.levels().size() >= 3, "a pyramid down to one chunk: " + result.levels().size() + " levels");
		assertEquals(102, result.levels().get(1).shape()[0]);
		assertFalse(Files.exists(ZarrIO.temporary(out)), "no temporary output left");
	}

	@Test
	void aFailingBlockNamesTheBlockAndTheCauseAndLeavesNoOutput() throws Exception {
		final Path model = TestModels.percentileModel(dir.resolve("model"));
		final Path in = Reference.input(dir.resolve("in.zarr"), 130, 70, 1, 32);
		// chunk (x 2, y 1) of channel 0: inside block #1 of level 0 (x 64..127, y 64..69)
		Files.write(in.resolve("0").resolve("0.1.2"), new byte[] { 1, 2, 3 });
		final Path out = dir.resolve("out.zarr");
		final StringWriter err = new StringWriter();
		assertEquals(1, SparkRestore.execute(new PrintWriter(err, true), args(model, in, out, "--normalize", "range")));
		final String message = err.toString();
		assertTrue(message.contains("Block #") && message.contains("in.zarr") && message.contains("0.1.2"), message);
		assertFalse(Files.exists(out), "no output");
		assertFalse(Files.exists(ZarrIO.temporary(out)), "no temporary output left");
	}
}
