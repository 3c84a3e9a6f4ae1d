package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A normal run prints none of TensorFlow's native log; {@code --verbose} prints it. Run as a user runs it: a
 * JVM of its own (the packaged jar in {@code QuietRunIT}; here the same classes on this JVM's class path).
 */
class QuietRunTest {

	/** What TensorFlow 2.18 writes on a load and a run, as captured from {@code restorej verify --verbose}. */
	static final Pattern TENSORFLOW_LINE = Pattern.compile("(?m)^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+: " +
		"[IWEF] |[IWEF]\\d{4} \\d\\d:|WARNING: All log messages before absl|To enable the following instructions)");

	record Run(int exitCode, String out, String err) {}

	static Run java(final List<String> command, final Path workDir) throws IOException, InterruptedException {
		final Path out = Files.createTempFile(workDir, "out", ".txt"), err = Files.createTempFile(workDir, "err", ".txt");
		final ProcessBuilder pb = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
			.redirectOutput(out.toFile()).redirectError(err.toFile());
		pb.environment().remove(QuietLauncher.LEVEL_VARIABLE);
		final Process p = pb.start();
		assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the command ended");
		return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
	}

	static List<String> restorej(final String... args) {
		final List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
		cmd.addAll(List.of(args));
		return cmd;
	}

	@Test
	void verifyPrintsNoTensorFlowLineUnlessVerbose(@TempDir final Path dir) throws Exception {
		final Run quiet = java(restorej("verify", "--model", "models/restormer-fluorescence-denoising"), dir);
		assertEquals(0, quiet.exitCode(), quiet.err());
		assertTrue(quiet.out().contains(": OK"), quiet.out());
		assertFalse(TENSORFLOW_LINE.matcher(quiet.err()).find(), quiet.err());
		assertTrue(quiet.err().contains("runs on CPU:0"), "RestoreJ's own messages still show: " + quiet.err());

		final Run verbose = java(restorej("verify", "--verbose", "--model", "models/restormer-fluorescence-denoising"),
			dir);
		assertEquals(0, verbose.exitCode(), verbose.err());
		assertTrue(TENSORFLOW_LINE.matcher(verbose.err()).find() && verbose.err().contains("Reading SavedModel"),
			verbose.err());
	}

	@Test
	void theFilterDropsNativeLinesAndPassesEverythingElseAsWritten() {
		final String in = "2026-12-02 05:43:47.807060: I tensorflow/core/util/port.cc:153] oneDNN custom operations are on.\n" +
			"Model m runs on CPU:0 (requested: cpu)\n" +
			"2026-12-02 05:43:50.154913: I tensorflow/core/platform/cpu_feature_guard.cc:210] This TensorFlow binary is " +
			"optimized.\nTo enable the following instructions: AVX2 FMA, in other operations, rebuild TensorFlow with the " +
			"appropriate compiler flags.\n" +
			"WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n" +
			"I0000 00:00:1796190230.470561   22766 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not " +
			"enabled\n" +
			"\rcells.tif [####      ] 40%\rcells.tif [########  ] 80%\r\033[K" +
			"2026-12-02 05:43:51.104747: E tensorflow/core/framework/op_kernel.cc:1] a real error\n" +
			"cells.tif: OK";
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		QuietLauncher.filter(new ByteArrayInputStream(in.getBytes(Charset.defaultCharset())), new PrintStream(out, true,
			Charset.defaultCharset()));
		assertEquals("Model m runs on CPU:0 (requested: cpu)\n\rcells.tif [####      ] 40%\rcells.tif [########  ] 80%" +
			"\r\033[K2026-12-02 05:43:51.104747: E tensorflow/core/framework/op_kernel.cc:1] a real error\ncells.tif: OK",
			out.toString(Charset.defaultCharset()));
	}

	@Test
	void oneDnnsAvx512NoticeIsDroppedThoughLoggedAsAnError() {
		final String in = "2026-12-08 00:48:11.518095: E tensorflow/core/util/util.cc:131] oneDNN supports DT_INT32 " +
			"only on platforms with AVX-512. Falling back to the default Eigen-based implementation if present.\n" +
			"E0000 00:00:1796690883.722045   19560 util.cc:131] oneDNN supports DT_INT32 only on platforms with " +
			"AVX-512. Falling back.\n" +
			"2026-12-08 00:48:11.518095: E tensorflow/core/util/util.cc:131] oneDNN failed in another way\n" +
			"done";
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		QuietLauncher.filter(new ByteArrayInputStream(in.getBytes(Charset.defaultCharset())), new PrintStream(out, true,
			Charset.defaultCharset()));
		assertEquals("2026-12-08 00:48:11.518095: E tensorflow/core/util/util.cc:131] oneDNN failed in another way\n" +
			"done", out.toString(Charset.defaultCharset()));
	}
}
