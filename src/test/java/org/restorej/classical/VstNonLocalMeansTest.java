package org.restorej.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.restorej.data.Camera;
import org.restorej.data.Convolution;
import org.restorej.metrics.Psnr;

class VstNonLocalMeansTest {

	private static final VstNonLocalMeans.CameraNoise NOISE = new VstNonLocalMeans.CameraNoise(4, 100, 2);

	/** A camera of the same gain, offset and read noise as {@link #NOISE} at a given mean in electrons. */
	private static float[] flat(final double electrons, final int n, final long seed) {
		final float[] scene = new float[n];
		java.util.Arrays.fill(scene, 1f);
		return new Camera(electrons, NOISE.readNoise(), NOISE.offset(), NOISE.gain(), 16).acquire(scene,
			new SplittableRandom(seed));
	}

	@ParameterizedTest
	@CsvSource({ "3", "10", "50", "500" })
	void anscombeMakesPoissonGaussianNoiseUnitVarianceAndTheInverseIsUnbiased(final double electrons) {
		final float[] stable = VstNonLocalMeans.anscombe(flat(electrons, 200_000, 7), NOISE);
		double mean = 0, var = 0;
		for (final float v : stable)
			mean += v / stable.length;
		for (final float v : stable)
			var += (v - mean) * (v - mean) / (stable.length - 1);
		assertEquals(1, Math.sqrt(var), 0.06, "standard deviation after the transform at " + electrons + " e-");
		// the mean of the stabilised values maps back to the true mean in ADU (what a perfect denoiser returns)
		final float back = VstNonLocalMeans.inverseAnscombe(new float[] { (float) mean }, NOISE)[0];
		assertEquals(NOISE.offset() + NOISE.gain() * electrons, back, NOISE.gain() * Math.max(0.1, 0.01 * electrons));
	}

	@Test
	void nonLocalMeansRemovesNoiseAndKeepsEdgesBetterThanAGaussian() {
		final int h = 64, w = 64;
		final float[] scene = new float[h * w];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				scene[y * w + x] = (x / 16 + y / 16) % 2 == 0 ? 0.2f : 1f; // a checkerboard of 16-pixel squares
		final Camera camera = new Camera(40, NOISE.readNoise(), NOISE.offset(), NOISE.gain(), 16);
		final float[] clean = camera.expected(scene), noisy = camera.acquire(scene, new SplittableRandom(3));
		final double range = NOISE.gain() * 40 * 0.8;
		final double before = Psnr.of(clean, noisy, range);
		final double after = Psnr.of(clean, VstNonLocalMeans.denoise(noisy, h, w, NOISE), range);
		final double gaussian = Psnr.of(clean, Convolution.gaussian(noisy, h, w, 1.0), range);
		assertTrue(after > before + 8, "NLM " + after + " dB vs noisy " + before);
		assertTrue(after > gaussian + 2, "NLM " + after + " dB vs Gaussian " + gaussian);
	}

	@Test
	void aConstantImageStaysConstant() {
		final float[] image = new float[20 * 30];
		java.util.Arrays.fill(image, 5f);
		for (final float v : VstNonLocalMeans.nonLocalMeans(image, 20, 30, 1, 2, 5, 0.4))
			assertEquals(5f, v, 1e-5);
	}
}
