package org.restorej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ij.ImagePlus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.ReferenceFixtures;
import org.restorej.data.Degradation;
import org.restorej.data.ImagePair;
import org.restorej.data.PointSpreadFunction;
import org.restorej.data.SyntheticDataset;
import org.restorej.data.TiffImages;
import org.restorej.ij1.MacroExtensions;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.train.SelfSupervisedTraining;
import org.restorej.restore.TestImages;
import org.scijava.app.event.StatusEvent;
import org.scijava.command.CommandModule;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

/**
 * Train Model as a headless script runs it: a SciJava Context, the training in RestoreJ's worker
 * process, on a folder of synthetic noisy/clean 16-bit pairs.
 */
class TrainModelCommandTest {

	static HeadlessCommands scijava;

	@TempDir
	static Path dir;

	static Path low, high;

	@BeforeAll
	static void pairs() {
		scijava = new HeadlessCommands();
		final SyntheticDataset data = new SyntheticDataset(new Degradation(20, 1.5, PointSpreadFunction.NONE), 64, 3,
			SyntheticDataset.Split.TRAIN);
		low = dir.resolve("pairs/low");
		high = dir.resolve("pairs/high");
		for (int i = 0; i < 4; i++) {
			final ImagePair p = data.pair(i);
			TiffImages.write16Bit(p.degraded(), low.resolve("img" + i + ".tif"));
			TiffImages.write16Bit(p.clean(), high.resolve("img" + i + ".tif"));
		}
	}

	@AfterAll
	static void dispose() {
		scijava.close();
	}

	/** A tiny Restormer for {@code steps} steps of 2 patches of 32² into {@code output}; {@code more}: key, value. */
	static Map<String, Object> inputs(final Path output, final long steps, final Object... more) {
		final Map<String, Object> m = new HashMap<>(Map.of("low", low.toFile(), "high", high.toFile(), "output", output
			.toFile(), "arch", "restormer", "size", "tiny", "steps", steps, "patch", 32, "batch", 2, "threads", 2));
		for (int i = 0; i < more.length; i += 2)
			m.put((String) more[i], more[i + 1]);
		return m;
	}

	@Test
	void trainsATinyModelThatRestoreImageThenUses() throws Exception {
		final Path model = dir.resolve("tiny-trained");
		final long t0 = System.nanoTime();
		final CommandModule m = scijava.run(TrainModelCommand.class, inputs(model, 6, "name", "my-tiny-model"));
		System.out.printf("Train Model, 6 steps through the worker: %.1f s%n", (System.nanoTime() - t0) / 1e9);
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertEquals(model.toAbsolutePath().toString(), m.getOutput("model"));
		final String summary = (String) m.getOutput("summary");
		// 4 pairs: the last one by name is held out, so the PSNR is measured before and after
		assertTrue(summary.contains("6 steps") && summary.contains("loss") && summary.contains(
			"validation PSNR") && summary.contains("dB before"), summary);
		final ModelDescription d = ModelDescriptions.read(model);
		assertEquals("restormer", d.architecture());
		assertEquals("my-tiny-model", d.name());
		assertEquals(65535, d.valueRange().scale(), "16-bit pairs");
		assertTrue(Files.readString(model.resolve("training.json")).contains("\"steps\": 6"));

		final ImagePlus noisy = TestImages.grey16("noisy.tif", 40, 36, 5);
		final CommandModule restored = scijava.run(RestoreImageCommand.class, Map.of("image", noisy, "model", model.toString(),
			"tile", "none"));
		assertFalse(restored.isCanceled(), restored.getCancelReason());
		final ImagePlus out = (ImagePlus) restored.getOutput("result");
		assertEquals(40, out.getWidth());
		assertEquals(36, out.getHeight());
	}

	@Test
	void trainsOnNoisyImagesOnlyFromTheBundledModelAsTrainModelAndExtTrain() throws Exception {
		final Path model = dir.resolve("noisy-only");
		final CommandModule m = scijava.run(TrainModelCommand.class, Map.of("low", low.toFile(), "noisy", true, "output",
			model.toFile(), "steps", 3L, "patch", 16, "batch", 2, "threads", 2));
		assertFalse(m.isCanceled(), m.getCancelReason());
		final String summary = (String) m.getOutput("summary");
		// 4 noisy images: the last is held out, and its self-supervised figure is measured before and after
		assertTrue(summary.contains("3 steps") && summary.contains("dB before"), summary);
		final ModelDescription base = ModelDescriptions.read(Path.of("models/restormer-fluorescence-denoising"));
		final ModelDescription d = ModelDescriptions.read(model);
		assertEquals(base.config(), d.config(), "fine-tuned from the bundled Restormer");
		// normalised as the bundled model declares, or with percentiles if it declares the pixel type's range
		final ModelDescription.Normalization expected = base.normalization().method().equals(ModelDescription
			.Normalization.TYPE) ? SelfSupervisedTraining.SCRATCH_NORMALIZATION : base.normalization();
		assertEquals(expected, d.normalization(), "and declared");
		assertTrue(Files.readString(model.resolve("training.json")).contains("Neighbor2Neighbor"));

		// the macro extension: no high-quality folder means noisy images only
		final Path fromMacro = dir.resolve("noisy-macro");
		final String[] result = new String[1];
		new MacroExtensions().handleExtension("train", new Object[] { low.toString(), "", fromMacro.toString(),
			"steps=2 patch=16 batch=2 threads=2", result });
		assertTrue(result[0] != null && result[0].contains("2 steps"), result[0]);
		assertEquals(expected, ModelDescriptions.read(fromMacro).normalization());
	}

	/** Opens a latch when the status bar shows a training step, and keeps the last step it showed. */
	public static final class StepWatcher {
		final CountDownLatch step = new CountDownLatch(1);
		volatile int done, total;

		@EventHandler
		public void onStatus(final StatusEvent e) {
			if (e.getStatusMessage() != null && e.getStatusMessage().contains("training step")) {
				done = e.getProgressValue();
				total = e.getProgressMaximum();
				step.countDown();
			}
		}
	}

	@Test
	void cancelStopsTrainingAndWritesNoModelFolder() throws Exception {
		final Path model = dir.resolve("cancelled");
		final StepWatcher watcher = new StepWatcher();
		scijava.context.service(EventService.class).subscribe(watcher);
		final ModuleService modules = scijava.context.service(ModuleService.class);
		final Module module = modules.createModule(scijava.commands.getCommand(TrainModelCommand.class));
		final Future<Module> running = modules.run(module, true, inputs(model, 100_000));
		assertTrue(watcher.step.await(3, TimeUnit.MINUTES), "the status bar shows the steps");
		((CommandModule) module).cancel("stopped by the test");
		running.get(1, TimeUnit.MINUTES);
		assertTrue(watcher.done < watcher.total && watcher.total == 100_000, "stopped at step " + watcher.done + " of " +
			watcher.total);
		assertNull(module.getOutput("model"));
		try (Stream<Path> s = Files.list(dir)) {
			final List<String> left = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("cancelled"))
				.toList();
			assertEquals(List.of(), left, "no model folder, not even a partial one");
		}
	}

	@Test
	void refusesMissingFoldersUnmatchedPairsAnExistingModelAndAnotherArchitecture() throws Exception {
		final Path out = dir.resolve("refused");
		final Map<String, Object> noLow = inputs(out, 2);
		noLow.remove("low");
		assertRefused(noLow, "No low folder given");
		assertRefused(inputs(out, 2, "high", dir.resolve("nowhere").toFile()), "does not exist");

		final Path empty = Files.createDirectories(dir.resolve("empty"));
		assertRefused(inputs(out, 2, "high", empty.toFile()), "no partner of the same name");

		final Path existing = Files.createDirectories(dir.resolve("existing-model"));
		assertRefused(inputs(existing, 2), "exists");

		final Path restormer = ReferenceFixtures.bundled().resolve("restormer/r_a_rgb_withbias/ckpt_official.pth");
		assertRefused(inputs(out, 2, "arch", "ast", "finetune", restormer.toFile()), "holds a restormer network");
		assertFalse(Files.exists(out), "nothing written");
	}

	private static void assertRefused(final Map<String, Object> in, final String reason) throws Exception {
		final CommandModule m = scijava.run(TrainModelCommand.class, in);
		assertTrue(m.isCanceled(), "refused");
		assertNotNull(m.getCancelReason());
		assertTrue(m.getCancelReason().contains(reason), m.getCancelReason());
	}
}
