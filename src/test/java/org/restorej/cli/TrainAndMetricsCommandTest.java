package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.data.Degradation;
import org.restorej.data.ImagePair;
import org.restorej.data.PointSpreadFunction;
import org.restorej.data.SyntheticDataset;
import org.restorej.data.TiffImages;
import org.restorej.metrics.Psnr;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.train.TrainingCheckpoint;

import picocli.CommandLine;

class TrainAndMetricsCommandTest {

	private static final SyntheticDataset DATA = new SyntheticDataset(new Degradation(20, 1.5,
		PointSpreadFunction.NONE), 64, 3, SyntheticDataset.Split.TRAIN);

	/**
	 * A run stopped part way (its JVM killed after a checkpoint, as a power cut or a killed job would)
	 * continues with {@code --resume} from that checkpoint, with the options it was started with, to
	 * the end.
	 */
	@Test
	void trainsOnAFolderOfPairsThenResumesAStoppedRunWithTheSameOptions(@TempDir final Path dir) throws Exception {
		for (int i = 0; i < 4; i++) {
			final ImagePair p = DATA.pair(i);
			TiffImages.write16Bit(p.degraded(), dir.resolve("pairs/low/img" + i + ".tif"));
			TiffImages.write16Bit(p.clean(), dir.resolve("pairs/high/img" + i + ".tif"));
		}
		final Path model = dir.resolve("my-model"), checkpoints = dir.resolve("my-model.checkpoints");
		final int steps = 60;
		final Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
			"-cp", System.getProperty("java.class.path"), Main.class.getName(), "train", "-o", model.toString(), "--size",
			"tiny", "--pairs", dir.resolve("pairs").toString(), "--steps", Integer.toString(steps), "--patches", "32x2",
			"--log-every", "2", "--checkpoint-every", "2", "--validate-every", "30").redirectErrorStream(true)
				.redirectOutput(dir.resolve("first-run.log").toFile()).start();
		try {
			final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
			while (!(TrainingCheckpoint.exists(checkpoints) && TrainingCheckpoint.read(checkpoints).step() >= 2)) {
				assertTrue(run.isAlive(), "the first run ended before its first checkpoint:\n" + Files.readString(dir
					.resolve("first-run.log")));
				assertTrue(System.nanoTime() < deadline, "no checkpoint within 5 minutes");
				Thread.sleep(50);
			}
		}
		finally {
			run.destroyForcibly().waitFor();
		}
		final long stoppedAt = TrainingCheckpoint.read(checkpoints).step();
		assertTrue(stoppedAt < steps, "stopped part way, at step " + stoppedAt);
		assertFalse(Files.exists(model.resolve("saved_model")), "a stopped run has written no model");

		// the stored command line is replayed: no other option is needed
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final PrintStream old = System.out;
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
		try {
			assertEquals(0, new CommandLine(new TrainCommand()).execute("--resume", checkpoints.toString()));
		}
		finally {
			System.setOut(old);
		}
		final String said = out.toString(StandardCharsets.UTF_8);
		assertTrue(said.contains("Resumed from") && said.contains("at step " + stoppedAt), said);
		assertEquals(steps, TrainingCheckpoint.read(checkpoints).step(), "trained on to the end");
		final ModelDescription d = ModelDescriptions.read(model);
		assertEquals("restormer", d.architecture());
		assertEquals(65535, d.valueRange().scale(), "16-bit pairs");
		assertEquals(ModelDescription.Normalization.typeRange(), d.normalization(), "declares what the training did: " +
			"each TIFF divided by its type's maximum");
		assertTrue(Files.readString(model.resolve("training.json")).contains("\"--pairs\""));
		assertTrue(Files.isRegularFile(model.resolve("saved_model/saved_model.pb")));
	}

	@Test
	void metricsPrintsPsnrAndSsimOfTwoSixteenBitImages(@TempDir final Path dir) {
		final ImagePair p = DATA.pair(0);
		TiffImages.write16Bit(p.clean(), dir.resolve("clean.tif"));
		TiffImages.write16Bit(p.degraded(), dir.resolve("noisy.tif"));
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final PrintStream old = System.out;
		System.setOut(new PrintStream(out));
		try {
			assertEquals(0, new CommandLine(new MetricsCommand()).execute(dir.resolve("noisy.tif").toString(), dir
				.resolve("clean.tif").toString()));
		}
		finally {
			System.setOut(old);
		}
		final String expected = String.format(Locale.ROOT, "PSNR %.4f dB", Psnr.of(p.clean().data(), p.degraded()
			.data(), 1.0));
		assertTrue(out.toString().contains(expected), out + " should contain " + expected);
	}
}
