package org.restorej.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.restorej.array.NhwcArray;

class MetricsBasicsTest {

	@Test
	void psnrOfAConstantErrorFollowsTheDefinition() {
		final float[] a = new float[100], b = new float[100];
		java.util.Arrays.fill(b, 0.1f);
		// MSE 0.01 with range 1: 20 dB; the same error on 16-bit data scaled to [0, 1] gives the same figure
		assertEquals(20.0, Psnr.of(a, b, 1.0), 1e-5);
		assertEquals(20.0 + 20 * Math.log10(2), Psnr.of(a, b, 2.0), 1e-5);
	}

	@Test
	void identicalImagesHaveSsimOneAndInfinitePsnr() {
		final NhwcArray img = NhwcArray.zeros(1, 32, 32, 1);
		for (int i = 0; i < img.data().length; i++)
			img.data()[i] = (float) Math.sin(i * 0.37);
		final ImageQuality q = ImageQuality.measure(img, img, 1.0);
		assertEquals(1.0, q.ssim(), 1e-12);
		assertTrue(Double.isInfinite(q.psnr()));
	}

	@Test
	void ssimRefusesImagesSmallerThanItsWindow() {
		final float[] tiny = new float[10 * 10];
		assertThrows(IllegalArgumentException.class, () -> Ssim.of(tiny, tiny, 10, 10, 1, 1.0));
	}

	@Test
	void theDataRangeMustBeStated() {
		final float[] a = new float[4];
		assertThrows(IllegalArgumentException.class, () -> Psnr.of(a, a, 0));
	}
}
