package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ShortProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.export.ModelExporter;
import org.restorej.ij1.MacroExtensions;
import org.restorej.restore.SmallModels;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.train.TrainingOptions;

import picocli.CommandLine;

/**
 * Every command that runs a model loads it through the one loader, takes {@code --device}, and tells the
 * user where the model ran and why that is not where it was asked to run.
 */
class DevicePathTest {

	@TempDir
	static Path dir;
	static Path image;

	@BeforeAll
	static void anImage() {
		image = dir.resolve("cells.tif");
		final ShortProcessor ramp = new ShortProcessor(48, 40);
		for (int i = 0; i < 48 * 40; i++)
			ramp.set(i, 10 * i);
		IJ.saveAsTiff(new ImagePlus("cells", ramp), image.toString());
	}

	@Test
	void everyCommandThatRunsAModelTakesDevice() {
		final CommandLine cli = new CommandLine(new Main());
		for (final String command : List.of("restore", "predict", "verify", "train", "bench", "demo",
			"evaluate"))
			assertTrue(cli.getSubcommands().get(command).getCommandSpec().findOption("--device") != null, command);
	}

	@Test
	void trainingTakesTheDeviceAsAnOptionOfItsOwnAndRefusesAnUnknownOne() {
		assertEquals("gpu:0", TrainingOptions.parse("steps=10 device=gpu:0").device());
		assertEquals("cpu", TrainingOptions.defaults().device());
		assertTrue(TrainingOptions.parse("device=gpu:0").toOptions().contains("device=gpu:0"));
		assertThrows(ExecutionOptions.InvalidDeviceException.class, () -> TrainingOptions.parse("device=tpu"));
	}

	@Test
	void restoreTellsTheDeviceThatRanAndTheFallbackFromAMissingGpu() {
		final CommandLineTest.Run cpu = CommandLineTest.run("restore", "--model", SmallModels.grey().toString(), image
			.toString(), dir.resolve("cpu.tif").toString());
		assertEquals(0, cpu.exitCode(), cpu.err());
		assertTrue(cpu.err().contains("Model grey-conv runs on CPU:0 (requested: cpu)"), cpu.err());

		// the CPU build of TensorFlow has no GPU: the run goes on, and says so
		final CommandLineTest.Run gpu = CommandLineTest.run("restore", "--model", SmallModels.grey().toString(),
			"--device", "gpu:0", image.toString(), dir.resolve("gpu.tif").toString());
		assertEquals(0, gpu.exitCode(), gpu.err());
		assertTrue(gpu.err().contains("Device gpu:0 was requested, but") && gpu.err().contains(
			"running on the CPU instead") && gpu.err().contains("runs on CPU:0 (requested: gpu:0)"), gpu.err());
	}

	@Test
	void restoreShowsThePercentilesItNormalisedWith() {
		final CommandLineTest.Run r = CommandLineTest.run("restore", "--model", SmallModels.grey().toString(),
			"--normalize", "percentile", image.toString(), dir.resolve("percentile.tif").toString());
		assertEquals(0, r.exitCode(), r.err());
		assertTrue(r.err().contains("percentile 1.0 = "), r.err());
	}

	@Test
	void predictAndVerifyGoThroughTheLoader() {
		final Path model = SmallModels.grey();
		final CommandLineTest.Run verify = CommandLineTest.run("verify", "--model", model.toString(), "--device", "auto");
		assertEquals(0, verify.exitCode(), verify.err());
		assertTrue(verify.err().contains("Device auto: TensorFlow found no usable GPU, running on the CPU."), verify
			.err());
		final CommandLineTest.Run predict = CommandLineTest.run("predict", "--model", model.toString(), "--input", model
			.resolve(ModelExporter.TEST_INPUT).toString(), "--output", dir.resolve("y.npy").toString());
		assertEquals(0, predict.exitCode(), predict.err());
		assertTrue(predict.err().contains("runs on CPU:0 (requested: cpu)"), predict.err());
	}

	@Test
	void theMacroExtensionsWriteTheDeviceToImageJsLog() {
		final PrintStream old = System.out;
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			// headless ImageJ writes its log to standard output
			System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
			new MacroExtensions().handleExtension("restoreFile", new Object[] { SmallModels.grey().toString(), image
				.toString(), dir.resolve("macro.tif").toString(), "tile=32" });
		}
		finally {
			System.setOut(old);
		}
		final String log = out.toString(StandardCharsets.UTF_8);
		assertTrue(log.contains("RestoreJ: Model grey-conv runs on CPU:0 (requested: cpu)"), log);
	}
}
