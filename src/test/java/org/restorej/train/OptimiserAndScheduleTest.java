package org.restorej.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.restorej.RestoreJException;
import org.restorej.array.NhwcArray;
import org.restorej.nn.WeightSource;

class OptimiserAndScheduleTest {

	@Test
	void oneAdamWStepDecaysTheWeightsThenMovesThemByTheLearningRateAgainstTheGradientSign() {
		final double lr = 0.01, decay = 0.5;
		try (TrainingGraph g = new TrainingGraph(new AffineNetwork(), Loss.L1, new AdamW(0.9, 0.999, 1e-8, decay, 0),
			1))
		{
			g.initialise(weights(2f, 0.25f), "test");
			// x = 1, target 0: output 2.25 > target, so both gradients are positive
			final NhwcArray x = new NhwcArray(1, 1, 1, 1, new float[] { 1 });
			final NhwcArray y = new NhwcArray(1, 1, 1, 1, new float[] { 0 });
			assertEquals(2.25f, g.step(x, y, lr, 0), 1e-6f, "loss before the update");
			final TrainedWeights w = TrainedWeights.of(g.parameters(), g.session());
			// first Adam step moves by lr * g / |g| (bias-corrected); the decay multiplies by 1 - lr * decay first
			assertEquals(2 * (1 - lr * decay) - lr, w.read("scale")[0], 1e-6);
			assertEquals(0.25 * (1 - lr * decay) - lr, w.read("shift")[0], 1e-6);
		}
	}

	@Test
	void charbonnierIsSmoothL1() {
		try (TrainingGraph g = new TrainingGraph(new AffineNetwork(), Loss.CHARBONNIER, AdamW.of("ast"), 1)) {
			g.initialise(weights(1f, 0f), "test");
			final NhwcArray x = new NhwcArray(1, 1, 2, 1, new float[] { 0.5f, 0.2f });
			final NhwcArray y = new NhwcArray(1, 1, 2, 1, new float[] { 0.5f, 0.5f });
			final double eps = Loss.CHARBONNIER_EPS;
			assertEquals((eps + Math.sqrt(0.09 + eps * eps)) / 2, g.loss(x, y), 1e-6);
		}
	}

	@Test
	void learningRateWarmsUpLinearlyThenFollowsACosineToTheFloor() {
		final LearningRateSchedule s = new LearningRateSchedule(1e-3, 1e-6, 10, 110);
		assertEquals(1e-4, s.at(0), 1e-12);
		assertEquals(1e-3, s.at(9), 1e-12);
		assertEquals(1e-3, s.at(10), 1e-12);
		assertEquals((1e-3 + 1e-6) / 2, s.at(60), 1e-12, "half way through the decay");
		assertEquals(1e-6, s.at(110), 1e-12);
		for (long t = 10; t < 110; t++)
			assertTrue(s.at(t + 1) <= s.at(t));
	}

	@Test
	void patchScheduleStagesFollowEachOtherAndTheLastTakesTheRest() {
		final PatchSchedule p = PatchSchedule.parse("48x16:60, 64x8:40,96x4", 200);
		assertEquals(List.of(new PatchSchedule.Stage(48, 16, 60), new PatchSchedule.Stage(64, 8, 40),
			new PatchSchedule.Stage(96, 4, 100)), p.stages());
		assertEquals(48, p.at(59).patch());
		assertEquals(64, p.at(60).patch());
		assertEquals(96, p.at(199).patch());
		assertThrows(RestoreJException.class, () -> PatchSchedule.parse("48x16:60,64x8:40", 200), "must add up");
		assertThrows(RestoreJException.class, () -> PatchSchedule.parse("48-16", 200));
		assertThrows(RestoreJException.class, () -> PatchSchedule.parse("50x4", 10).check(
			new org.restorej.nn.SizeRule(8, false), "restormer"), "50 is not a multiple of 8");
	}

	@Test
	void theEightRotationsAndFlipsAreDistinctAndAppliedAlikeToBothImages() {
		final float[] patch = new float[9];
		for (int i = 0; i < 9; i++)
			patch[i] = i;
		final Set<List<Float>> seen = new java.util.HashSet<>();
		for (int t = 0; t < 8; t++) {
			final float[] out = new float[9];
			PatchSampler.place(patch, 3, 1, t, out, 0);
			final List<Float> l = new java.util.ArrayList<>();
			for (final float v : out)
				l.add(v);
			seen.add(l);
			assertEquals(4f, out[4], "the centre stays");
		}
		assertEquals(8, seen.size());
		// identical degraded and clean crops stay identical after augmentation
		final PatchSource same = new PatchSource() {
			@Override
			public int inputChannels() {
				return 1;
			}

			@Override
			public int outputChannels() {
				return 1;
			}

			@Override
			public int maxPatch() {
				return 16;
			}

			@Override
			public Patch draw(final int size, final java.util.SplittableRandom r) {
				final float[] v = new float[size * size];
				for (int i = 0; i < v.length; i++)
					v[i] = (float) r.nextDouble();
				return new Patch(v, v.clone());
			}

			@Override
			public String describe() {
				return "test";
			}
		};
		final PatchSampler.Batch b = new PatchSampler(same, 3).batch(5, 8, 4);
		org.junit.jupiter.api.Assertions.assertArrayEquals(b.degraded().data(), b.clean().data());
		org.junit.jupiter.api.Assertions.assertArrayEquals(b.clean().data(), new PatchSampler(same, 3).batch(5, 8, 4)
			.clean().data(), "a step's batch depends only on seed and step");
	}

	private static WeightSource weights(final float scale, final float shift) {
		return new TrainedWeights(Map.of("scale", new long[] { 1 }, "shift", new long[] { 1 }), Map.of(
			"scale", new float[] { scale }, "shift", new float[] { shift }));
	}
}
