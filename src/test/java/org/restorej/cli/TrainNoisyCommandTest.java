package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.train.CameraImages;

import ij.IJ;
import ij.ImagePlus;

import picocli.CommandLine;

/** {@code restorej train --noisy}: a model from one noisy camera image alone, which {@code restore} then uses. */
class TrainNoisyCommandTest {

	@Test
	void learnsToDenoiseFromTheNoisyImageAloneAndDeclaresItsNormalisation(@TempDir final Path dir) throws Exception {
		final CameraImages.Camera cam = CameraImages.tissue(128, 128, 20, 11);
		cam.writeNoisy(dir.resolve("noisy/cells.tif"));
		final Path model = dir.resolve("n2n-model");
		final String out = run(new TrainCommand(), "--noisy", dir.resolve("noisy").toString(), "-o", model.toString(),
			"--from-scratch", "--size", "tiny", "--steps", "60", "--patches", "32x8", "--lr", "2e-3", "--log-every",
			"20", "--validate-every", "20", "--threads", "2");
		assertTrue(out.contains("step 20/60") && out.contains("s left") && out.contains("held-out self-supervised PSNR"),
			out);
		assertEquals(ModelDescription.Normalization.percentile(1, 99.8, ModelDescription.Normalization.IMAGE, false),
			ModelDescriptions.read(model).normalization(), "from scratch: percentiles of each image, declared");

		final Path restored = dir.resolve("restored.tif");
		run(new RestoreCommand(), "--model", model.toString(), "--normalize", "percentile", dir.resolve(
			"noisy/cells.tif").toString(), restored.toString());
		final ImagePlus r = IJ.openImage(restored.toString());
		final float[] values = (float[]) r.getProcessor().convertToFloatProcessor().getPixels();
		final double noisy = cam.psnr(cam.noisy()), denoised = cam.psnr(values);
		System.out.printf("train --noisy, tiny from scratch, 60 steps: PSNR %.2f dB -> %.2f dB%n", noisy, denoised);
		assertTrue(denoised > noisy + 3, "noisy " + noisy + " dB, restored " + denoised + " dB");
	}

	@Test
	void fineTuningTheBundledModelOnPercentilesSaysNothingAboutDividingTheData(@TempDir final Path dir)
		throws Exception
	{
		CameraImages.tissue(128, 128, 20, 12).writeNoisy(dir.resolve("noisy/cells.tif"));
		final String out = run(new TrainCommand(), "--noisy", dir.resolve("noisy").toString(), "-o", dir.resolve("m")
			.toString(), "--steps", "1", "--patches", "32x1", "--log-every", "1", "--validate-every", "1", "--threads",
			"2");
		assertTrue(out.contains("step 1/1"), out);
		// the bundled model declares percentile normalisation, and the fine-tuning data is normalised so too
		assertFalse(out.contains("divided by"), out);
	}

	@Test
	void refusesNoisyImagesWithPairsAndFromScratchWithFineTune(@TempDir final Path dir) {
		final CommandLine cli = new CommandLine(new TrainCommand());
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		cli.setErr(new java.io.PrintWriter(err, true));
		assertEquals(1, cli.execute("--noisy", dir.toString(), "--pairs", dir.toString(), "-o", dir.resolve("m")
			.toString()));
		assertEquals(1, cli.execute("--noisy", dir.toString(), "--from-scratch", "--fine-tune", dir.toString(), "-o",
			dir.resolve("m").toString()));
		assertTrue(err.toString().contains("not both"), err.toString());
		assertFalse(Files.exists(dir.resolve("m")));
	}

	private static String run(final Object command, final String... args) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final PrintStream old = System.out;
		System.setOut(new PrintStream(out, true));
		try {
			assertEquals(0, new CommandLine(command).execute(args), () -> out.toString());
		}
		finally {
			System.setOut(old);
		}
		return out.toString();
	}
}
