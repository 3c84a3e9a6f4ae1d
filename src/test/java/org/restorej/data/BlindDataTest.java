package org.restorej.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Scene families, cameras and the held-out evaluation set of the blind models. */
class BlindDataTest {

	@ParameterizedTest
	@EnumSource(SceneFamily.class)
	void everyFamilyRendersAnyShapeRepeatablyInTheUnitRange(final SceneFamily f) {
		final float[] a = f.render(45, 70, 3), b = f.render(45, 70, 3);
		assertArrayEquals(a, b, "same seed, same scene");
		assertFalse(Arrays.equals(a, f.render(45, 70, 4)), "another seed, another scene");
		double min = 1, max = 0;
		for (final float v : a) {
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		assertTrue(min >= 0 && max <= 1 && max > 0.5, f + " spans " + min + ".." + max);
	}

	@Test
	void trainingAndEvaluationFamiliesAreDisjoint() {
		final List<SceneFamily> train = SceneFamily.training(), held = SceneFamily.evaluation();
		assertEquals(7, train.size());
		assertEquals(List.of(SceneFamily.TISSUE, SceneFamily.FIBRES, SceneFamily.GALAXIES), held);
		assertTrue(train.stream().noneMatch(held::contains));
	}

	@Test
	void aCameraRecordsOffsetPlusGainTimesPhotonsOnAverageAndClipsToItsRange() {
		final float[] scene = new float[100_000];
		Arrays.fill(scene, 0.5f);
		final Camera c = new Camera(40, 3, 100, 2.5, 16);
		double mean = 0;
		for (final float v : c.acquire(scene, new SplittableRandom(1))) {
			assertEquals(Math.rint(v), v, "whole ADU");
			mean += v / scene.length;
		}
		assertEquals(100 + 2.5 * 20, c.expected(scene)[0], 1e-4);
		assertEquals(150, mean, 0.2);
		final Camera eightBit = new Camera(1000, 0, 10, 1, 8);
		for (final float v : eightBit.acquire(scene, new SplittableRandom(1)))
			assertEquals(255, v, "saturates at 255");
	}

	@Test
	void drawnCamerasCoverTheRangeOfRealAcquisitions() {
		final SplittableRandom r = new SplittableRandom(5);
		double minPhotons = 1e9, maxPhotons = 0, maxRead = 0, maxOffset = 0;
		int eightBit = 0, bright = 0;
		for (int i = 0; i < 2000; i++) {
			final Camera c = Camera.draw(r);
			if (c.photons() >= 200) bright++;
			minPhotons = Math.min(minPhotons, c.photons());
			maxPhotons = Math.max(maxPhotons, c.photons());
			maxRead = Math.max(maxRead, c.readNoise());
			maxOffset = Math.max(maxOffset, c.offset());
			if (c.bits() == 8) eightBit++;
			assertTrue(c.offset() + c.gain() * c.photons() <= c.maxValue() + 1e-6, "the brightest pixel fits: " + c);
		}
		assertTrue(minPhotons < 1 && maxPhotons > 1000 && maxRead > 9.5 && maxOffset > 450, minPhotons + " " +
			maxPhotons + " " + maxRead + " " + maxOffset);
		assertTrue(eightBit > 300 && eightBit < 500, eightBit + " of 2000 8-bit");
		// log-uniform alone would put 26 % at 200 photons or more; the bright half raises it to about 63 %
		assertTrue(bright > 1160 && bright < 1360, bright + " of 2000 at 200 photons or more");
	}

	@Test
	void theDrawnPhotonsAreDescribedFromTheDistributionsOwnBounds() {
		assertEquals("0.7-1500 photons at the brightest pixel, 50 % of them again 300-1500", Camera.drawnPhotons());
	}

	@Test
	void heldOutAcquisitionsAreFixedAndUseOnlyHeldOutFamilies() {
		final List<Acquisition> a = HeldOutAcquisitions.at(10);
		assertEquals(6, a.size());
		assertTrue(a.stream().allMatch(x -> SceneFamily.valueOf(x.source()).heldOut() && x.camera().photons() == 10));
		assertTrue(a.stream().anyMatch(x -> x.camera().bits() == 8) && a.stream().anyMatch(x -> x.camera()
			.bits() == 16));
		assertArrayEquals(a.get(0).noisy().data(), HeldOutAcquisitions.at(10).get(0).noisy().data());
		assertEquals(HeldOutAcquisitions.HEIGHT, a.get(0).clean().height());
		assertEquals(HeldOutAcquisitions.WIDTH, a.get(0).clean().width());
	}
}
