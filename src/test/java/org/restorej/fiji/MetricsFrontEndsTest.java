package org.restorej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ij.ImagePlus;
import ij.macro.Interpreter;
import ij.process.FloatProcessor;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.cli.MetricsCommand;
import org.restorej.ij1.MacroExtensions;
import org.restorej.imagej.TiffFiles;
import org.scijava.command.CommandModule;

import picocli.CommandLine;

/**
 * The three front ends of PSNR and SSIM take the test image first and the reference second, with the
 * same defaults (data range auto, papers' window), and give the same numbers: {@code restorej metrics
 * TEST REFERENCE}, Compare Images, and {@code Ext.compare(test, reference, options, psnr, ssim)}. Float
 * images whose ranges differ make the order matter: auto takes the reference's max - min.
 */
class MetricsFrontEndsTest {

	static HeadlessCommands scijava;

	@TempDir
	Path dir;

	@BeforeAll
	static void context() {
		scijava = new HeadlessCommands();
	}

	@AfterAll
	static void dispose() {
		scijava.close();
	}

	/** A float ramp of the given span with a ripple, so that test and reference differ. */
	private static ImagePlus ramp(final String title, final double span, final double ripple) {
		final int w = 40, h = 36;
		final float[] v = new float[w * h];
		for (int i = 0; i < v.length; i++)
			v[i] = (float) (span * (i % w) / (w - 1.0) + ripple * Math.sin(i * 0.7));
		return new ImagePlus(title, new FloatProcessor(w, h, v));
	}

	/** {PSNR, SSIM, data range} printed by the command line for these arguments. */
	private static double[] commandLine(final String... args) {
		final PrintStream old = System.out;
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
		try {
			assertEquals(0, new CommandLine(new MetricsCommand()).execute(args));
		}
		finally {
			System.setOut(old);
		}
		final Matcher m = Pattern.compile("PSNR (\\S+) dB\\s+SSIM (\\S+)\\s+\\(data range (\\S+),").matcher(out
			.toString());
		assertTrue(m.find(), out.toString());
		return new double[] { Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m
			.group(3)) };
	}

	private static double[] compareImages(final ImagePlus test, final ImagePlus reference) throws Exception {
		final Map<String, Object> in = new HashMap<>(Map.of("test", test, "reference", reference));
		final CommandModule m = scijava.run(CompareImagesCommand.class, in);
		assertFalse(m.isCanceled(), m.getCancelReason());
		return new double[] { (double) m.getOutput("psnr"), (double) m.getOutput("ssim") };
	}

	/** Ext.compare on images found by title, as in a batch-mode macro. */
	private static double[] macro(final ImagePlus test, final ImagePlus reference) {
		final boolean batch = Interpreter.batchMode;
		Interpreter.batchMode = true;
		Interpreter.addBatchModeImage(test);
		Interpreter.addBatchModeImage(reference);
		try {
			final Double[] psnr = new Double[1], ssim = new Double[1];
			assertEquals(null, new MacroExtensions().handleExtension("compare", new Object[] { test.getTitle(), reference
				.getTitle(), "", psnr, ssim }));
			return new double[] { psnr[0], ssim[0] };
		}
		finally {
			Interpreter.removeBatchModeImage(test);
			Interpreter.removeBatchModeImage(reference);
			Interpreter.batchMode = batch;
		}
	}

	@Test
	void sameOrderSameDefaultsSameNumbers() throws Exception {
		final ImagePlus restored = ramp("restored.tif", 1.0, 0.05), truth = ramp("truth.tif", 2.0, 0.0);
		final Path restoredFile = dir.resolve("restored.tif"), truthFile = dir.resolve("truth.tif");
		TiffFiles.save(restored, restoredFile, false);
		TiffFiles.save(truth, truthFile, false);

		final double[] cli = commandLine(restoredFile.toString(), truthFile.toString());
		assertEquals(2.0, cli[2], 1e-6, "auto: the reference's max - min");
		final double[] fiji = compareImages(TiffFiles.open(restoredFile), TiffFiles.open(truthFile));
		final double[] ext = macro(TiffFiles.open(restoredFile), TiffFiles.open(truthFile));
		for (final double[] other : new double[][] { fiji, ext }) {
			assertEquals(other[0], cli[0], 1e-4, "PSNR");
			assertEquals(other[1], cli[1], 1e-6, "SSIM");
		}
		final double[] swapped = commandLine(truthFile.toString(), restoredFile.toString());
		assertNotEquals(cli[0], swapped[0], 0.1, "the order matters for float images: the reference sets the range");
		assertEquals(compareImages(TiffFiles.open(truthFile), TiffFiles.open(restoredFile))[0], swapped[0], 1e-4);
	}
}
