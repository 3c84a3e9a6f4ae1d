package org.restorej.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.data.Camera;
import org.restorej.data.ImagePair;
import org.restorej.data.SceneFamily;
import org.restorej.engine.normalize.Normalization;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;

/** Blind training data are normalised as the exported model declares, on the noisy input. */
class BlindPatchesTest {

	@Test
	void theNoisyImagesPercentilesMapToZeroAndOneAndTheCleanFollowsTheSameMap() {
		final float[] scene = SceneFamily.NUCLEI.render(96, 96, 2);
		final Camera camera = new Camera(30, 2, 300, 20, 16);
		final PatchSource.Patch p = BlindPatches.normalised(camera, scene, 96, new SplittableRandom(1));
		final float[] sorted = p.degraded().clone();
		Arrays.sort(sorted);
		assertEquals(0, sorted[(int) (0.01 * (sorted.length - 1))], 0.02);
		assertEquals(1, sorted[(int) Math.round(0.998 * (sorted.length - 1))], 0.02);
		// same affine map: the noise (noisy - clean) averages out in the normalised units as in ADU
		double diff = 0;
		for (int i = 0; i < sorted.length; i++)
			diff += (p.degraded()[i] - p.clean()[i]) / sorted.length;
		assertEquals(0, diff, 0.01);
	}

	@Test
	void validationImagesAreNormalisedAndDifferFromEachOther() {
		final List<ImagePair> v = BlindPatches.validation(3, 48, 1);
		assertEquals(3, v.size());
		for (final ImagePair p : v)
			assertTrue(Arrays.stream(box(p.degraded().data())).max().orElseThrow() >= 1, p.name());
		assertTrue(!Arrays.equals(v.get(0).clean().data(), v.get(1).clean().data()));
	}

	@Test
	void aBlindRunDeclaresItsPercentileNormalisationInModelJson(@TempDir final Path dir) throws Exception {
		final TrainingRun.Data data = TrainingRun.blind(6, 3);
		final TrainingOptions o = TrainingOptions.parse("arch=restormer size=tiny steps=2 patches=32x2 threads=2 " +
			"validateevery=0 checkpointevery=0");
		TrainingRun.run(o, data, new TrainingRun.Output(dir.resolve("m"), null, false), null, x -> {}, x -> {},
			() -> false);
		final ModelDescription d = ModelDescriptions.read(dir.resolve("m"));
		assertEquals(Normalization.percentile(BlindPatches.LOW_PERCENTILE, BlindPatches.HIGH_PERCENTILE), Normalization
			.declaredBy(d));
	}

	private static double[] box(final float[] f) {
		final double[] d = new double[f.length];
		for (int i = 0; i < f.length; i++)
			d[i] = f[i];
		return d;
	}
}
