package org.restorej.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SyntheticDataTest {

	private static final Degradation LOW_LIGHT = new Degradation(20, 1.5, PointSpreadFunction.NONE);

	@Test
	void theSameSeedGivesTheSameImagesAndSplitsNeverShareOne() {
		final SyntheticDataset train = new SyntheticDataset(LOW_LIGHT, 64, 7, SyntheticDataset.Split.TRAIN);
		final SyntheticDataset again = new SyntheticDataset(LOW_LIGHT, 64, 7, SyntheticDataset.Split.TRAIN);
		final SyntheticDataset test = new SyntheticDataset(LOW_LIGHT, 64, 7, SyntheticDataset.Split.TEST);
		assertArrayEquals(train.pair(3).degraded().data(), again.pair(3).degraded().data());
		assertArrayEquals(train.pair(3).clean().data(), again.pair(3).clean().data());
		assertFalse(Arrays.equals(train.pair(3).clean().data(), test.pair(3).clean().data()));
		assertFalse(Arrays.equals(train.pair(3).clean().data(), train.pair(4).clean().data()));
	}

	@Test
	void imagesAreSixteenBitLevelsInTheUnitRangeWithStructure() {
		final ImagePair p = new SyntheticDataset(LOW_LIGHT, 128, 1, SyntheticDataset.Split.TRAIN).pair(0);
		double min = 1, max = 0;
		for (final float v : p.clean().data()) {
			assertEquals(Math.round(v * 65535.0), v * 65535.0, 1e-2, "a 16-bit level (float precision)");
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		assertTrue(min >= 0 && max <= 1);
		// bright structures on a dark background, not a flat field
		assertTrue(max - min > 0.4, "contrast " + (max - min));
	}

	@Test
	void noiseHasThePoissonPlusReadNoiseMeanAndVariance() {
		final double photons = 100, read = 1.5, level = 0.5;
		final Degradation d = new Degradation(photons, read, PointSpreadFunction.NONE);
		final float[] flat = new float[256 * 256];
		Arrays.fill(flat, (float) level);
		final float[] noisy = d.apply(flat, 256, 256, new SplittableRandom(3));
		double mean = 0, var = 0;
		for (final float v : noisy)
			mean += v;
		mean /= noisy.length;
		for (final float v : noisy)
			var += (v - mean) * (v - mean);
		var /= noisy.length - 1;
		assertEquals(level, mean, 1e-3);
		// calibrated counts: var = level / photons + (read / photons)^2
		final double expected = level / photons + read * read / (photons * photons);
		assertEquals(expected, var, 0.03 * expected);
	}

	@Test
	void poissonSamplesHaveMeanEqualToVarianceInBothRegimes() {
		for (final double lambda : new double[] { 3, 40 }) {
			final SplittableRandom r = new SplittableRandom(11);
			final int n = 200_000;
			double s = 0, s2 = 0;
			for (int i = 0; i < n; i++) {
				final long k = PoissonSampler.sample(lambda, r);
				s += k;
				s2 += (double) k * k;
			}
			final double mean = s / n, var = s2 / n - mean * mean;
			assertEquals(lambda, mean, 0.02 * lambda, "mean for " + lambda);
			assertEquals(lambda, var, 0.03 * lambda, "variance for " + lambda);
		}
	}

	@Test
	void airyPsfHasItsFirstDarkRingAtTheGivenRadius() {
		assertEquals(0.44005058574, PointSpreadFunction.besselJ1(1), 1e-9);
		assertEquals(0, PointSpreadFunction.besselJ1(3.831705970207512), 1e-9);
		final float[][] k = PointSpreadFunction.parse("airy:3").kernel();
		final int c = k.length / 2;
		double total = 0;
		for (final float[] row : k)
			for (final float v : row)
				total += v;
		assertEquals(1, total, 1e-5);
		// centre bright, ring at 3 px dark (pixel-integrated, so not exactly 0), secondary maximum beyond
		assertTrue(k[c][c + 3] < 0.02 * k[c][c], "dark ring");
		assertTrue(k[c][c + 4] > k[c][c + 3], "secondary ring");
	}

	@Test
	void blurKeepsTheMeanIntensity() {
		final float[] img = new SyntheticDataset(LOW_LIGHT, 64, 2, SyntheticDataset.Split.TRAIN).clean(0);
		final float[] blurred = PointSpreadFunction.parse("gaussian:2").blur(img, 64, 64);
		assertEquals(mean(img), mean(blurred), 0.01 * mean(img));
	}

	private static double mean(final float[] a) {
		double s = 0;
		for (final float v : a)
			s += v;
		return s / a.length;
	}
}
