package org.restorej.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.restorej.bench.HaloCurve;
import org.restorej.bench.Patterns;
import org.restorej.engine.tiling.Blending;
import org.restorej.engine.tiling.TileGrid;
import org.restorej.runtime.LoadedModel;

/**
 * Restormer's channel attention mixes information across the whole image, so no halo makes tiles
 * exact. Thresholds come from the curve HaloCurve measures (random-weight Restormer correcting the
 * pattern by 0.05 rms; figures in the engine's package documentation) and sit about 1.5 dB below what
 * this 256x256 image gives: 30.7 dB for 128-pixel tiles without halo, 39.6 dB with a halo of 32.
 */
class RestormerTilingTest {

	private static LoadedModel model;
	private static ArrayImg<FloatType, FloatArray> image;
	private static float[] untiled;

	@BeforeAll
	static void untiledPass() {
		model = TestModels.restormer();
		image = Patterns.floats(256, 256, 1, 7);
		untiled = HaloCurve.untiled(model, image);
	}

	private static RestoreOptions options(final int tile, final int halo, final Blending blending) {
		return HaloCurve.options(tile, halo, RestoreOptions.defaultBlend(halo), blending);
	}

	private static float[] tiled(final int tile, final int halo, final Blending blending) {
		return HaloCurve.restore(Restorer.of(model), image, options(tile, halo, blending));
	}

	@Test
	void aTileAsLargeAsTheImageIsTheUntiledPass() {
		final float[] one = tiled(256, 32, Blending.SMOOTH);
		double max = 0;
		for (int i = 0; i < one.length; i++)
			max = Math.max(max, Math.abs(one[i] - untiled[i]));
		assertTrue(max <= 1e-5, "max-abs " + max);
	}

	@Test
	void aHaloBringsTilesCloserToTheUntiledPass() {
		final double none = HaloCurve.psnr(tiled(128, 0, Blending.SMOOTH), untiled);
		final double halo = HaloCurve.psnr(tiled(128, 32, Blending.SMOOTH), untiled);
		assertTrue(none >= 29, "no halo: " + none + " dB");
		assertTrue(halo >= 38, "halo 32: " + halo + " dB");
		assertTrue(halo >= none + 6, "the halo gains " + (halo - none) + " dB");
	}

	/**
	 * On the same tiles, crop-and-paste puts one tile's error next to another's: the difference from
	 * the untiled pass jumps across the cut lines (seam contrast ~1.5 on the curve), where blended
	 * tiles show no seam (~1.1). PSNR is about the same either way (within 0.7 dB on the curve): the
	 * error is the attention's, spread over the tiles.
	 */
	@Test
	void blendingLeavesNoSeamsWhereCropAndPasteDoes() {
		final RestoreOptions o = options(128, 32, Blending.CROP);
		final TileGrid grid = Restorer.of(model).plan(256, 256, o);
		final double smooth = HaloCurve.seamContrast(tiled(128, 32, Blending.SMOOTH), untiled, 256, grid);
		final double crop = HaloCurve.seamContrast(tiled(128, 32, Blending.CROP), untiled, 256, grid);
		System.out.printf("Restormer seam contrast, tile 128 halo 32: smooth %.2f, crop %.2f%n", smooth, crop);
		assertTrue(crop >= 1.35, "crop-and-paste shows seams: " + crop);
		assertTrue(smooth <= 1.25 && crop - smooth >= 0.2, "blended tiles do not: " + smooth);
	}
}
