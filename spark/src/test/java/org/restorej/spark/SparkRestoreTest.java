package org.restorej.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.zarr.OmeZarrInfo;
import org.restorej.zarr.ZarrArray;

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
			model.toString(), "--block", "256", in.toString(), out.toString()));
		a.addAll(java.util.List.of(OPTIONS));
		a.addAll(java.util.List.of(more));
		return a.toArray(String[]::new);
	}

	@Test
	void outputEqualsTheSingleMachineRestoreBitForBit() throws Exception {
		final Path model = TestModels.percentileModel(dir.resolve("model"));
		final Path in = Reference.input(dir.resolve("in.zarr"), 613, 300, 2, 64);
		final Path out = dir.resolve("out.zarr");
		final StringWriter err = new StringWriter();
		assertEquals(0, SparkRestore.execute(new PrintWriter(err, true), args(model, in, out)), err.toString());
		final Path single = dir.resolve("single.zarr");
		Reference.restoreOnOneMachine(model, in, single, OPTIONS);
		assertEquals(0, Reference.differingChunks(out, single), "chunks (any level) differing from one machine's restore");
		final OmeZarrInfo result = OmeZarrInfo.read(out);
		assertEquals("cyx", result.axes());
		assertEquals(2, result.channels());
		assertTrue(result.levels() >= 2, "a pyramid: " + result.levels() + " levels");
		try (java.util.stream.Stream<Path> left = Files.list(dir)) {
			assertEquals(List.of("in.zarr", "model", "out.zarr", "single.zarr"), left.map(p -> p.getFileName().toString())
				.sorted().toList(), "no temporary folder left");
		}
	}

	@Test
	void aFailingBlockNamesTheBlockAndTheCauseAndLeavesNoOutput() throws Exception {
		final Path model = TestModels.percentileModel(dir.resolve("model"));
		final Path in = Reference.input(dir.resolve("in.zarr"), 130, 70, 1, 32);
		// chunk (x 2, y 1) of the input: read by the blocks around it
		final Path chunk = ZarrArray.open(in.resolve("0")).chunkFile(new long[] { 1, 2 });
		Files.write(chunk, new byte[] { 1, 2, 3 });
		final Path out = dir.resolve("out.zarr");
		final StringWriter err = new StringWriter();
		assertEquals(1, SparkRestore.execute(new PrintWriter(err, true), args(model, in, out, "--normalize", "range")));
		final String message = err.toString();
		assertTrue(message.startsWith("Block #") && message.contains("in.zarr") && message.contains(in.relativize(chunk)
			.toString()), message);
		try (java.util.stream.Stream<Path> left = Files.list(dir)) {
			assertEquals(List.of("in.zarr", "model"), left.map(p -> p.getFileName().toString()).sorted().toList(),
				"no output, no temporary folder left");
		}
	}

	@Test
	void oneTilePerPlaneIsRefusedWithTheRemedy() throws Exception {
		final Path model = TestModels.percentileModel(dir.resolve("model"));
		final Path in = Reference.input(dir.resolve("in.zarr"), 64, 64, 1, 32);
		final StringWriter err = new StringWriter();
		assertEquals(1, SparkRestore.execute(new PrintWriter(err, true), "--master", "local[1]", "--model", model
			.toString(), in.toString(), dir.resolve("out.zarr").toString(), "--tile", "none"));
		assertTrue(err.toString().contains("Option tile='none' cannot be used: a tile side (or auto)"), err.toString());
		assertFalse(Files.exists(dir.resolve("out.zarr")));
	}
}
