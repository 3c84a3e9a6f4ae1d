package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.ReferenceFixtures;
import org.restorej.io.Npy;
import org.restorej.runtime.Difference;

/** The command line as scripts use it: exit codes, files written, messages on failure. */
class CommandLineTest {

	@TempDir
	static Path dir;

	static Path tiny;
	static Path dualPixel;

	@BeforeAll
	static void fixtures() {
		tiny = ReferenceFixtures.bundled().resolve("restormer/r_a_rgb_withbias");
		dualPixel = ReferenceFixtures.bundled().resolve("restormer/r_d_dualpixel_withbias");
	}

	/** Exit code, standard output and standard error of one command line. */
	record Run(int exitCode, String out, String err) {}

	static Run run(final String... args) {
		final PrintStream oldOut = System.out, oldErr = System.err;
		final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		try {
			System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
			final int code = Main.execute(args);
			return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
		}
		finally {
			System.setOut(oldOut);
			System.setErr(oldErr);
		}
	}

	@Test
	void importFromOfficialOptionsYamlThenPredictVerifyAndInfo() throws Exception {
		final Path yaml = dir.resolve("Deraining_Tiny.yml");
		Files.writeString(yaml, """
			name: Deraining_Restormer_tiny
			model_type: ImageCleanModel
			network_g:
			  type: Restormer
			  inp_channels: 3
			  out_channels: 3
			  dim: 8
			  num_blocks: [1,1,1,1]
			  num_refinement_blocks: 1
			  heads: [1,2,4,8]
			  ffn_expansion_factor: 2.66
			  bias: False
			  LayerNorm_type: WithBias
			  dual_pixel_task: False
			""");
		final Path model = dir.resolve("tiny-yaml");
		final Run imported = run("import", tiny.resolve("ckpt_official.pth").toString(), "-o", model.toString(),
			"--arch", "restormer", "--config", yaml.toString());
		assertEquals(0, imported.exitCode(), imported.err());
		assertTrue(imported.out().contains("{'params': state_dict}"), imported.out());
		assertTrue(imported.out().contains("non-commercial"), "the user is told the weights' license");

		final Path output = dir.resolve("c2_pad_output.npy");
		final Run predicted = run("predict", "--model", model.toString(), "--input", tiny.resolve(
			"c2_pad_input.npy").toString(), "--output", output.toString());
		assertEquals(0, predicted.exitCode(), predicted.err());
		final Difference d = Difference.between(Npy.read(output).floats(), Npy.read(tiny.resolve(
			"c2_pad_output_f64.npy")).values());
		assertTrue(d.maxAbs() <= ReferenceFixtures.MAX_ABS, d.toString());

		final Run verified = run("verify", "--model", model.toString());
		assertEquals(0, verified.exitCode(), verified.err());
		assertTrue(verified.out().contains("OK"), verified.out());

		final Run info = run("info", "--model", model.toString());
		assertEquals(0, info.exitCode());
		assertTrue(info.out().contains("multiple of 8") && info.out().contains("NON-COMMERCIAL"), info.out());
	}

	@Test
	void aWrongPresetListsTheMismatchAndSuggestsTheRightConfiguration() {
		final Run r = run("import", tiny.resolve("ckpt_official.pth").toString(), "-o", dir.resolve("wrong")
			.toString(), "--preset", "restormer-real-denoising");
		assertEquals(1, r.exitCode());
		assertTrue(r.err().contains("missing from the checkpoint") && r.err().contains("with a different shape"), r
			.err());
		assertTrue(r.err().contains("dim 8"), "the hint describes what the checkpoint holds: " + r.err());
		assertFalse(r.err().contains("\tat org."), "no stack trace: " + r.err());
		assertFalse(Files.exists(dir.resolve("wrong")), "nothing half-written");
	}

	@Test
	void aDualPixelCheckpointImportedAsThreeChannelsIsRecognised() throws Exception {
		final Path json = dir.resolve("three-channels.json");
		Files.writeString(json, "{\"inp_channels\": 3, \"out_channels\": 3, \"dim\": 8, \"num_blocks\": [1,1,1,1]," +
			" \"num_refinement_blocks\": 1, \"heads\": [1,2,4,8], \"LayerNorm_type\": \"WithBias\"}");
		final Run r = run("import", dualPixel.resolve("ckpt_official.pth").toString(), "-o", dir.resolve("dp")
			.toString(), "--arch", "restormer", "--config", json.toString());
		assertEquals(1, r.exitCode());
		assertTrue(r.err().contains("skip_conv.weight"), "unexpected key listed: " + r.err());
		assertTrue(r.err().contains("6 input channels: this is a dual-pixel checkpoint"), r.err());
	}

	@Test
	void importRefusesToReplaceAModelUnlessAsked() {
		final Path model = dir.resolve("twice");
		final String ckpt = tiny.resolve("ckpt_bare_state_dict.pth").toString();
		assertEquals(0, run("import", ckpt, "-o", model.toString()).exitCode(), "detected configuration");
		final Run again = run("import", ckpt, "-o", model.toString());
		assertEquals(1, again.exitCode());
		assertTrue(again.err().contains("--overwrite"), again.err());
		assertEquals(0, run("import", ckpt, "-o", model.toString(), "--overwrite").exitCode());
	}

	@Test
	void predictRejectsAnInputThatIsNotBatchOneNchw() throws Exception {
		final Path bad = dir.resolve("bad.npy");
		Npy.writeFloat32(bad, new long[] { 3, 8, 8 }, new float[3 * 64]);
		final Path model = dir.resolve("for-bad-input");
		assertEquals(0, run("import", tiny.resolve("ckpt_official.pth").toString(), "-o", model.toString())
			.exitCode());
		final Run r = run("predict", "--model", model.toString(), "--input", bad.toString(), "--output", dir.resolve(
			"never.npy").toString());
		assertEquals(1, r.exitCode());
		assertTrue(r.err().contains("NCHW with batch 1"), r.err());
		assertFalse(Files.exists(dir.resolve("never.npy")));
	}

	@Test
	void unknownModelNamesTheRemedy() {
		final Run r = run("info", "--model", dir.resolve("no-such-model").toString());
		assertEquals(1, r.exitCode());
		assertTrue(r.err().contains("restorej import"), r.err());
	}

	@Test
	void usageErrorsExitWithTwo() {
		assertEquals(2, run("import").exitCode());
		assertEquals(2, run("no-such-command").exitCode());
	}
}
