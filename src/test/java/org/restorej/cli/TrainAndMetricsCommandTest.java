package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

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

	@Test
	void trainsOnAFolderOfPairsThenResumesWithTheSameOptions(@TempDir final Path dir) throws Exception {
		for (int i = 0; i < 4; i++) {
			final ImagePair p = DATA.pair(i);
			TiffImages.write16Bit(p.degraded(), dir.resolve("pairs/low/img" + i + ".tif"));
			TiffImages.write16Bit(p.clean(), dir.resolve("pairs/high/img" + i + ".tif"));
		}
		final Path model = dir.resolve("my-model");
		assertEquals(0, new CommandLine(new TrainCommand()).execute("-o", model.toString(), "--size", "tiny",
			"--pairs", dir.resolve("pairs").toString(), "--steps", "6", "--patches", "32x2", "--log-every", "3",
			"--checkpoint-every", "3", "--validate-every", "3"));
		final ModelDescription d = ModelDescriptions.read(model);
		assertEquals("restormer", d.architecture());
		assertEquals(65535, d.valueRange().scale(), "16-bit pairs");
		assertTrue(Files.readString(model.resolve("training.json")).contains("\"--pairs\""));

		final Path checkpoints = dir.resolve("my-model.checkpoints");
		assertEquals(6, TrainingCheckpoint.read(checkpoints).step());
		// the stored command line is replayed: no other option is needed
		assertEquals(0, new CommandLine(new TrainCommand()).execute("--resume", checkpoints.toString()));
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
