package org.restorej.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.array.NhwcArray;
import org.restorej.data.Degradation;
import org.restorej.data.ImagePair;
import org.restorej.data.PointSpreadFunction;
import org.restorej.data.SyntheticDataset;
import org.restorej.engine.OfficialSizeHandling;
import org.restorej.nn.NetworkConfig;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;
import org.restorej.runtime.ModelVerifier;

/**
 * Tiny networks on synthetic data: the loss falls within a few dozen steps, the exported model folder
 * reloads and runs, its weights read back for fine-tuning are the trained ones, and a run stopped at a
 * checkpoint and resumed ends where an uninterrupted run ends.
 */
class TinyTrainingTest {

	private static final Degradation NOISE = new Degradation(20, 1.5, PointSpreadFunction.NONE);

	private static Trainer.Settings settings(final NetworkConfig n, final long steps, final String patches,
		final int checkpointEvery)
	{
		return new Trainer.Settings(n, Loss.of(n.architecture()), AdamW.of(n.architecture()),
			new LearningRateSchedule(2e-3, 1e-5, 3, steps), PatchSchedule.parse(patches, steps), 5, 1, 0,
			checkpointEvery, ExecutionOptions.cpu().withThreads(2), false);
	}

	private static PatchSource data() {
		return new SyntheticPatches(new SyntheticDataset(NOISE, 64, 9, SyntheticDataset.Split.TRAIN), 4);
	}

	private static List<ImagePair> validation() {
		return new SyntheticDataset(NOISE, 64, 9, SyntheticDataset.Split.VALIDATION).pairs(1);
	}

	@Test
	void restormerLearnsAndItsExportReloadsAndRuns(@TempDir final Path dir) throws Exception {
		final NetworkConfig n = NetworkPresets.of("restormer", "tiny", 1);
		final List<Trainer.Progress> progress = new ArrayList<>();
		final Trainer.Outcome o = new Trainer(settings(n, 40, "32x4:20,48x2", 0), data(), validation(),
			progress::add, s -> {}).run(Trainer.Start.fromScratch(1), null, List.of());
		// mean loss of the last 5 steps well below that of the first 5 (noisy input vs clean target starts ~0.08)
		final double first = meanLoss(progress.subList(0, 5)), last = meanLoss(progress.subList(35, 40));
		assertTrue(last < 0.8 * first, "loss " + first + " -> " + last);
		assertEquals(48, progress.get(progress.size() - 1).patch(), "the patch grew");

		final Path model = dir.resolve("tiny-restormer");
		TrainedModelExport.write(n, o.weights(), "tiny-restormer", "fluorescence-denoising", 65535, "test",
			TrainedModelExport.TRAINED_LICENSE, "test", model, false);
		try (LoadedModel m = LoadedModel.load(model, ExecutionOptions.cpu())) {
			assertTrue(ModelVerifier.verify(m).passed());
			final ImagePair p = validation().get(0);
			final NhwcArray odd = p.degraded().crop(0, 0, 44, 37);
			final NhwcArray out = OfficialSizeHandling.predict(m, odd);
			assertEquals(44, out.height());
			assertEquals(37, out.width());
			for (final float v : out.data())
				assertTrue(Float.isFinite(v));
		}
		// fine-tuning starts from exactly the exported weights
		final FineTuneSource again = FineTuneSource.open(model);
		assertEquals(n, again.network());
		for (final String key : o.weights().keys())
			assertArrayEquals(o.weights().read(key), again.weights().read(key), key);
	}

	@Test
	void astTrainsAFewStepsAndExports(@TempDir final Path dir) throws Exception {
		final NetworkConfig n = NetworkPresets.of("ast", "tiny", 1);
		final List<Trainer.Progress> progress = new ArrayList<>();
		final Trainer.Outcome o = new Trainer(settings(n, 10, "32x4", 0), data(), List.of(), progress::add,
			s -> {}).run(Trainer.Start.fromScratch(1), null, List.of());
		final double first = meanLoss(progress.subList(0, 3)), last = meanLoss(progress.subList(7, 10));
		assertTrue(last < first, "loss " + first + " -> " + last);
		final Path model = dir.resolve("tiny-ast");
		TrainedModelExport.write(n, o.weights(), "tiny-ast", "fluorescence-denoising", 65535, "test",
			TrainedModelExport.TRAINED_LICENSE, "test", model, false);
		try (LoadedModel m = LoadedModel.load(model, ExecutionOptions.cpu())) {
			assertTrue(ModelVerifier.verify(m).passed());
			// trained on crops of scenes, it declares reflection, not the official checkpoints' zero square canvas:
			// an image of no multiple runs on its mirror image
			assertEquals(OfficialSizeHandling.REFLECT_PAD, m.description().size().officialHandling());
			final int k = m.description().size().multiple(), h = k + 7, w = 2 * k - 5;
			final NhwcArray odd = NhwcArray.zeros(1, h, w, 1);
			for (int i = 0; i < odd.data().length; i++)
				odd.data()[i] = (float) ((i * 7919 % 101) / 100.0);
			final NhwcArray mirrored = m.run(OfficialSizeHandling.reflectPad(odd, 2 * k, 2 * k)).crop(0, 0, h, w);
			assertArrayEquals(mirrored.data(), OfficialSizeHandling.predict(m, odd).data(), 1e-6f);
		}
	}

	@Test
	void aRunResumedFromItsCheckpointEndsWhereAnUninterruptedRunEnds(@TempDir final Path dir) throws Exception {
		final NetworkConfig n = NetworkPresets.of("restormer", "tiny", 1);
		final Trainer.Outcome straight = new Trainer(settings(n, 6, "32x2", 0), data(), List.of(), p -> {},
			s -> {}).run(Trainer.Start.fromScratch(1), null, List.of());

		final Path checkpoints = dir.resolve("checkpoints");
		final Trainer interrupted = new Trainer(settings(n, 6, "32x2", 3), data(), List.of(), p -> {
			if (p.step() == 3) throw new IllegalStateException("stopped");
		}, s -> {});
		assertThrows(IllegalStateException.class, () -> interrupted.run(Trainer.Start.fromScratch(1), checkpoints,
			List.of("--test")));
		final TrainingCheckpoint c = TrainingCheckpoint.read(checkpoints);
		assertEquals(3, c.step());
		assertEquals(List.of("--test"), c.arguments());

		final Trainer.Outcome resumed = new Trainer(settings(n, 6, "32x2", 3), data(), List.of(), p -> {}, s -> {})
			.run(Trainer.Start.resume(checkpoints), checkpoints, List.of("--test"));
		assertEquals(6, TrainingCheckpoint.read(checkpoints).step());
		double maxDiff = 0;
		for (final String key : straight.weights().keys()) {
			final float[] a = straight.weights().read(key), b = resumed.weights().read(key);
			for (int i = 0; i < a.length; i++)
				maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
		}
		// weights and Adam moments both restored, same batches: only float summation order may differ
		assertTrue(maxDiff < 1e-5, "resumed differs from uninterrupted by " + maxDiff);
	}

	private static double meanLoss(final List<Trainer.Progress> p) {
		return p.stream().mapToDouble(Trainer.Progress::loss).average().orElseThrow();
	}

	@Test
	void anOfficialCheckpointCanBeFineTunedWithTheConfigurationItsKeysShow() {
		final FineTuneSource s = FineTuneSource.open(java.nio.file.Paths.get("models/demo/restormer-tiny-random.pth"));
		assertEquals("restormer", s.network().architecture());
		assertEquals(3, s.network().inputChannels());
		assertEquals(org.restorej.export.ModelCard.RESTORMER_LICENSE, s.license(), "official weights keep their license");
		assertTrue(s.weights().keys().contains("patch_embed.proj.weight"));
	}
}
