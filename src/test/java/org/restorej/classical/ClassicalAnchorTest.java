package org.restorej.classical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.restorej.data.Camera;
import org.restorej.metrics.Psnr;

class ClassicalAnchorTest {

	private static final int H = 48, W = 56;
	private static final Camera CAMERA = new Camera(20, 2, 100, 4, 16);
	private static final VstNonLocalMeans.CameraNoise NOISE = new VstNonLocalMeans.CameraNoise(CAMERA.gain(), CAMERA
		.offset(), CAMERA.readNoise());

	/** A smooth ramp with a bright disc: what every denoiser should improve at 20 photons. */
	private static float[] scene() {
		final float[] s = new float[H * W];
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				s[y * W + x] = (float) (0.2 + 0.3 * x / W + ((y - 24) * (y - 24) + (x - 30) * (x - 30) < 100 ? 0.5 : 0));
		return s;
	}

	@ParameterizedTest
	@EnumSource(ClassicalAnchor.class)
	void eachAnchorTunedOnTheCleanImageBeatsTheNoisyInput(final ClassicalAnchor anchor) {
		final float[] clean = CAMERA.expected(scene()), noisy = CAMERA.acquire(scene(), new SplittableRandom(5));
		final double range = CAMERA.gain() * CAMERA.photons();
		final ClassicalAnchor.Tuned t = anchor.oracle(clean, noisy, H, W, NOISE, CAMERA.maxValue(), range);
		final double before = Psnr.of(clean, noisy, range);
		assertTrue(t.psnr() > before + 4, anchor + ": " + t.psnr() + " dB vs noisy " + before);
		assertEquals(t.psnr(), Psnr.of(clean, t.image(), range), 1e-9, "the reported PSNR is the image's");
		assertTrue(anchor.parameters().contains(t.parameter()), "a parameter of its grid: " + t.parameter());
	}

	@ParameterizedTest
	@EnumSource(ClassicalAnchor.class)
	void theOracleLeavesAnImageAloneWhereEveryParameterMakesItWorse(final ClassicalAnchor anchor) {
		// fine noise-free detail: any smoothing loses it
		final float[] fine = new float[H * W];
		for (int i = 0; i < fine.length; i++)
			fine[i] = (i / W + i % W) % 2 == 0 ? 900 : 1100;
		final ClassicalAnchor.Tuned t = anchor.oracle(fine, fine, H, W, NOISE, CAMERA.maxValue(), 200);
		assertEquals(0, t.parameter());
		assertArrayEquals(fine, t.image());
	}

	@Test
	void waveletsWithoutThresholdReconstructTheImage() {
		final float[] image = CAMERA.acquire(scene(), new SplittableRandom(9));
		final float[] back = BayesShrinkWavelets.denoise(image, H, W, 1, 0);
		for (int i = 0; i < image.length; i++)
			assertEquals(image[i], back[i], 1e-3, "pixel " + i);
	}

	@Test
	void totalVariationSmoothsMoreWithALargerWeightAndNotAtAllWithNone() {
		final float[] noisy = VstNonLocalMeans.anscombe(CAMERA.acquire(scene(), new SplittableRandom(2)), NOISE);
		assertArrayEquals(noisy, TotalVariation.denoise(noisy, H, W, 1e-9, 20), 1e-4f);
		final double light = roughness(TotalVariation.denoise(noisy, H, W, 0.5, 100));
		final double strong = roughness(TotalVariation.denoise(noisy, H, W, 4, 100));
		assertTrue(strong < light && light < roughness(noisy), strong + " < " + light + " < " + roughness(noisy));
		assertNotEquals(0, strong);
	}

	/** Mean absolute difference of horizontal neighbours. */
	private static double roughness(final float[] a) {
		double s = 0;
		for (int y = 0; y < H; y++)
			for (int x = 0; x + 1 < W; x++)
				s += Math.abs(a[y * W + x + 1] - a[y * W + x]);
		return s / (H * (W - 1));
	}
}
