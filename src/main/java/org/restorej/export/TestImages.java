package org.restorej.export;

import java.util.SplittableRandom;

import org.restorej.array.NhwcArray;

/** Deterministic smooth images in [0.02, 0.98] for checking an installed model. */
public final class TestImages {

	private TestImages() {}

	public static NhwcArray smooth(final int height, final int width, final int channels, final long seed) {
		final SplittableRandom random = new SplittableRandom(seed);
		final NhwcArray img = NhwcArray.zeros(1, height, width, channels);
		final int waves = 4;
		for (int c = 0; c < channels; c++) {
			final double[] fy = new double[waves], fx = new double[waves], phase = new double[waves];
			for (int k = 0; k < waves; k++) {
				fy[k] = random.nextDouble(0.5, 4) * 2 * Math.PI / height;
				fx[k] = random.nextDouble(0.5, 4) * 2 * Math.PI / width;
				phase[k] = random.nextDouble(0, 2 * Math.PI);
			}
			for (int y = 0; y < height; y++)
				for (int x = 0; x < width; x++) {
					double v = 0;
					for (int k = 0; k < waves; k++)
						v += Math.sin(fy[k] * y + fx[k] * x + phase[k]);
					img.data()[(y * width + x) * channels + c] = (float) (0.5 + 0.48 * v / waves);
				}
		}
		return img;
	}
}
