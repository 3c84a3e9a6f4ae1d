package org.restorej.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;
import org.restorej.array.NhwcArray;
import org.restorej.bench.HaloCurve;
import org.restorej.bench.Patterns;
import org.restorej.engine.normalize.Normalization;
import org.restorej.engine.tiling.Blending;

/**
 * The archetype of a network that depends on the whole image: one that subtracts the mean of what it
 * sees. Each tile then carries its own offset; crop-and-paste turns the offsets into steps at the
 * cuts, blending turns them into gentle ramps.
 */
class BlendingTest {

	/** out = in - mean(in) + 0.5 over each tile: a tile-wide statistic, like attention's. */
	private static final TileNetwork MEAN_REMOVAL = tiles -> {
		double sum = 0;
		for (final float v : tiles.data())
			sum += v;
		final float shift = (float) (0.5 - sum / tiles.data().length);
		final float[] out = tiles.data().clone();
		for (int i = 0; i < out.length; i++)
			out[i] += shift;
		return new NhwcArray(tiles.batch(), tiles.height(), tiles.width(), tiles.channels(), out);
	};

	/** Largest jump between neighbouring pixels of the difference from the untiled result. */
	private static double largestStep(final float[] tiled, final float[] untiled, final int width) {
		double max = 0;
		for (int i = 0; i < tiled.length; i++) {
			final double e = tiled[i] - untiled[i];
			if (i % width > 0) max = Math.max(max, Math.abs(e - tiled[i - 1] + untiled[i - 1]));
			if (i >= width) max = Math.max(max, Math.abs(e - tiled[i - width] + untiled[i - width]));
		}
		return max;
	}

	@Test
	void blendingTurnsTileOffsetsIntoRampsInsteadOfSteps() {
		final Restorer r = new Restorer(AnalyticModels.description(1, 1), MEAN_REMOVAL);
		final ArrayImg<FloatType, FloatArray> image = Patterns.floats(300, 200, 1, 3);
		final RestoreOptions o = RestoreOptions.defaults().withNormalization(Normalization.none()).withTileSize(96)
			.withHalo(32).withLog(m -> {});
		final float[] untiled = HaloCurve.restore(r, image, o.withTileSize(304));
		final float[] smooth = HaloCurve.restore(r, image, o);
		final float[] crop = HaloCurve.restore(r, image, o.withBlending(Blending.CROP));
		final double stepSmooth = largestStep(smooth, untiled, 300), stepCrop = largestStep(crop, untiled, 300);
		System.out.printf("Mean-removal network, largest step of the error: smooth %.4f, crop %.4f%n", stepSmooth,
			stepCrop);
		assertTrue(stepCrop > 0.01, "tiles have different means: crop-and-paste leaves steps of " + stepCrop);
		assertTrue(stepSmooth < stepCrop / 5, "blended: " + stepSmooth + " vs crop " + stepCrop);
		assertTrue(HaloCurve.psnr(smooth, untiled) >= HaloCurve.psnr(crop, untiled), "and no further from untiled");
	}
}
