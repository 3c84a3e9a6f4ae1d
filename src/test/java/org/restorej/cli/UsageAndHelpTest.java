package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.cli.CommandLineTest.Run;
import org.restorej.engine.Progress;
import org.restorej.imagej.TiffFiles;
import org.restorej.restore.SmallModels;
import org.restorej.restore.TestImages;

/**
 * Messages that agree with each other and say enough: installed models on a wrong name, one true tile
 * minimum, a notice for a rounded tile, usage errors with exit code 2 in the CLI's own option names,
 * help for every option, and progress lines in a log.
 */
class UsageAndHelpTest {

	@TempDir
	Path dir;

	private Path image() throws Exception {
		final Path in = dir.resolve("cells.tif");
		if (!java.nio.file.Files.exists(in)) TiffFiles.save(TestImages.grey16("cells.tif", 40, 30, 1), in, false);
		return in;
	}

	private Run restore(final String... options) throws Exception {
		final String[] args = new String[options.length + 5];
		args[0] = "restore";
		args[1] = "--model";
		args[2] = SmallModels.grey().toString();
		System.arraycopy(options, 0, args, 3, options.length);
		args[args.length - 2] = image().toString();
		args[args.length - 1] = dir.resolve("out-" + String.join("", options).replace("-", "") + ".tif").toString();
		return CommandLineTest.run(args);
	}

	@Test
	void aWrongModelNameListsTheInstalledModels() throws Exception {
		final Run r = CommandLineTest.run("restore", "--model", "restormer-fluorescense-denoising", image().toString(),
			dir.resolve("o.tif").toString());
		assertEquals(1, r.exitCode());
		assertTrue(r.err().contains("installed model: ") && r.err().contains("ast-fluorescence-restoration") && r.err()
			.contains("restormer-fluorescence-denoising"), r.err());
	}

	@Test
	void aTooSmallTileNamesTheOneMinimumThatHolds() throws Exception {
		// the test model: sides a multiple of 8, halo 8 suggested: tiles of at least 16
		for (final String tile : new String[] { "7", "8", "15" }) {
			final Run r = restore("--tile", tile);
			assertEquals(2, r.exitCode(), r.err());
			assertTrue(r.err().contains("Invalid value for option '--tile': '" + tile + "'") && r.err().contains(
				"tiles of at least 16 pixels"), r.err());
		}
		final Run wide = restore("--tile", "15", "--halo", "20");
		assertTrue(wide.err().contains("at least 32 pixels"), "halo 20 rounds to 24, plus 8: " + wide.err());
		assertEquals(0, restore("--tile", "16").exitCode());
	}

	@Test
	void aTileOffTheSizeRuleIsRoundedUpWithANotice() throws Exception {
		final Run r = restore("--tile", "20");
		assertEquals(0, r.exitCode(), r.err());
		assertTrue(r.err().contains("Tile 20 rounded up to 24: grey-conv takes sides that are multiples of 8"), r.err());
		assertFalse(restore("--tile", "24").err().contains("rounded up"));
		assertFalse(restore("--tile", "none").err().contains("rounded up"), "tile=none is the untiled pass");
	}

	@Test
	void badOptionValuesAreUsageErrorsInTheCommandLinesOwnNames() throws Exception {
		final Run type = restore("--output-type", "uint16");
		assertEquals(2, type.exitCode(), type.err());
		assertTrue(type.err().contains("Invalid value for option '--output-type': 'uint16' cannot be used: float32"),
			type.err());
		assertFalse(type.err().contains("Option type="), "the macro key is not the CLI's name: " + type.err());
		final Run streaming = restore("--streaming", "maybe");
		assertEquals(2, streaming.exitCode(), streaming.err());
		assertTrue(streaming.err().contains("'--streaming': 'maybe'"), streaming.err());
	}

	@Test
	void metricsComparesA16BitImageWithAFloatReference() throws Exception {
		final Path test = dir.resolve("test16.tif"), reference = dir.resolve("reference32.tif");
		TiffFiles.save(TestImages.grey16("test16.tif", 32, 32, 3), test, false);
		final ij.ImagePlus f = TestImages.grey16("reference32.tif", 32, 32, 4);
		f.setProcessor(f.getProcessor().convertToFloat());
		TiffFiles.save(f, reference, false);
		final Run r = CommandLineTest.run("metrics", test.toString(), reference.toString());
		assertEquals(0, r.exitCode(), r.err());
		assertTrue(r.out().startsWith("PSNR "), r.out());
	}

	@Test
	void everyOptionAndPositionalHasHelpAndTheTopLevelNamesTrainNoisy() {
		final picocli.CommandLine cli = new picocli.CommandLine(new Main());
		for (final picocli.CommandLine sub : cli.getSubcommands().values()) {
			final picocli.CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
			for (final picocli.CommandLine.Model.ArgSpec arg : spec.args())
				assertTrue(arg.description().length > 0 && !String.join("", arg.description()).isBlank(), spec.name() +
					": no help for " + (arg instanceof picocli.CommandLine.Model.OptionSpec o ? o.longestName() : arg
						.paramLabel()));
		}
		final String top = CommandLineTest.run("--help").out();
		assertTrue(top.contains("'train --noisy DIR -o MODEL_DIR'"), top);
	}

	@Test
	void aLogGetsAProgressLineEveryTenSeconds() {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		final AtomicLong now = new AtomicLong(1_000);
		final ConsoleProgress log = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
			now::get);
		log.image("cells.tif");
		for (int done = 0; done < 30; done++) {
			log.progress(new Progress("restoring", done, 30, Duration.ofMillis(now.get() - 1_000)));
			now.addAndGet(2_000);
		}
		log.progress(new Progress("restoring", 30, 30, Duration.ofSeconds(60)));
		log.line("cells.tif -> out.tif (60 s)");
		final String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
		// 60 s of progress: a line at 10, 20, 30, 40 and 50 s, none at the end (the finished line says it)
		assertEquals(6, lines.length, String.join("\n", lines));
		assertTrue(lines[0].startsWith("cells.tif:  ") || lines[0].startsWith("cells.tif: "), lines[0]);
		assertTrue(lines[0].matches("cells.tif: 1\\d% \\d/30 tiles, \\d+ s left"), lines[0]);
		assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("\r"), "no redrawing in a log");
	}
}
