package org.restorej.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccess;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;
import org.restorej.array.NhwcArray;
import org.restorej.bench.Patterns;
import org.restorej.bench.SmallConvNet;
import org.restorej.engine.normalize.Normalization;
import org.restorej.engine.tiling.Blending;
import org.restorej.engine.tiling.TileGrid;
import org.restorej.runtime.LoadedModel;

/**
 * A network whose receptive field fits in the context each tile keeps beyond its blended part
 * ({@code (halo - blend) / 2} pixels each side) gives the same result tiled as in the model's official
 * untiled pass, to float32 rounding, whatever the image size, tile size, halo, blend and blending.
 */
class ExactTilingTest {

	private static final double TOLERANCE = 1e-5;

	private static double maxAbsDifference(final Img<FloatType> tiled, final NhwcArray untiled) {
		final RandomAccess<FloatType> ra = tiled.randomAccess();
		double max = 0;
		for (int y = 0; y < untiled.height(); y++)
			for (int x = 0; x < untiled.width(); x++)
				for (int c = 0; c < untiled.channels(); c++) {
					ra.setPosition(x, 0);
					ra.setPosition(y, 1);
					if (tiled.numDimensions() > 2) ra.setPosition(c, 2);
					max = Math.max(max, Math.abs(ra.get().get() - untiled.get(0, y, x, c)));
				}
		return max;
	}

	private static RestoreOptions options(final int tile, final int halo, final int blend, final Blending b) {
		return RestoreOptions.defaults().withNormalization(Normalization.none()).withTileSize(tile).withHalo(halo)
			.withBlend(blend).withBlending(b).withLog(m -> {});
	}

	@Test
	void tiledEqualsUntiledForOddSizesTilesAndHalos() {
		final LoadedModel model = TestModels.conv(TestModels.GREY);
		final Restorer restorer = Restorer.of(model);
		final int reach = TestModels.GREY.reach();
		final List<String> checked = new ArrayList<>();
		for (final int[] size : new int[][] { { 37, 23 }, { 61, 50 }, { 130, 97 }, { 5, 7 }, { 1, 1 }, { 1, 19 } }) {
			final ArrayImg<FloatType, FloatArray> image = Patterns.floats(size[0], size[1], 1, size[0] * 7L);
			final NhwcArray untiled = Untiled.run(model, image);
			for (final int tile : new int[] { 16, 24, 40, 256 })
				for (final int halo : new int[] { 2 * reach, 2 * reach + 1, 8, 16 })
					// the context left each side, (halo - blend) / 2, covers the receptive field
					for (final int blend : new int[] { 0, halo - 2 * reach }) {
						if (tile - halo < 8) continue;
						final Blending b = blend == 0 ? Blending.CROP : Blending.SMOOTH;
						final RestoreOptions o = options(tile, halo, blend, b);
						final Img<FloatType> tiled = restorer.restoreAsFloat(image, Axes.xy(), o);
						final double d = maxAbsDifference(tiled, untiled);
						final TileGrid grid = restorer.plan(size[0], size[1], o);
						final String what = size[0] + "x" + size[1] + " tile " + tile + " halo " + halo + " blend " + blend +
							" (" + grid.count() + " tiles): max-abs " + d;
						checked.add(what);
						assertTrue(d <= TOLERANCE, what);
					}
		}
		assertTrue(checked.size() >= 50, "cases: " + checked.size());
		assertTrue(checked.stream().anyMatch(s -> s.contains("(1 tiles)")), "some tile larger than the image");
		assertTrue(checked.stream().anyMatch(s -> s.contains("(20 tiles)") || s.matches(".*\\(\\d{2,} tiles.*")),
			"some image in many tiles");
	}

	@Test
	void batchesOfTilesGiveTheSameResult() {
		final LoadedModel model = TestModels.conv(TestModels.GREY);
		final ArrayImg<FloatType, FloatArray> image = Patterns.floats(130, 97, 1, 9);
		final NhwcArray untiled = Untiled.run(model, image);
		for (final int batch : new int[] { 2, 5, 64 }) {
			final Img<FloatType> tiled = Restorer.of(model).restoreAsFloat(image, Axes.xy(), options(40, 14, 6,
				Blending.SMOOTH).withBatch(batch));
			assertTrue(maxAbsDifference(tiled, untiled) <= TOLERANCE, "batch " + batch);
		}
	}

	@Test
	void tilesMayStartAnywhereWithoutASizeRule() {
		final LoadedModel model = TestModels.conv(TestModels.GREY_ANY_SIZE);
		final ArrayImg<FloatType, FloatArray> image = Patterns.floats(83, 59, 1, 3);
		final NhwcArray untiled = Untiled.run(model, image);
		for (final int tile : new int[] { 13, 17, 29 }) {
			final Img<FloatType> tiled = Restorer.of(model).restoreAsFloat(image, Axes.xy(), options(tile, 8, 2,
				Blending.LINEAR));
			assertTrue(maxAbsDifference(tiled, untiled) <= TOLERANCE, "tile " + tile);
		}
	}

	@Test
	void multiChannelModelsAreExactToo() {
		final LoadedModel model = TestModels.conv(TestModels.RGB);
		final ArrayImg<FloatType, FloatArray> image = Patterns.floats(45, 38, 3, 11);
		final NhwcArray untiled = Untiled.run(model, image);
		final Img<FloatType> tiled = Restorer.of(model).restoreAsFloat(image, Axes.of("XYC"), options(24, 11, 3,
			Blending.SMOOTH));
		assertTrue(maxAbsDifference(tiled, untiled) <= TOLERANCE);
	}

	/** The check above can fail: with a halo smaller than the receptive field, tiles differ. */
	@Test
	void aHaloSmallerThanTheReceptiveFieldIsNotExact() {
		// no size rule, so tiles are not pushed onto a grid that would widen their overlap
		final SmallConvNet net = TestModels.GREY_ANY_SIZE;
		final LoadedModel model = TestModels.conv(net);
		final ArrayImg<FloatType, FloatArray> image = Patterns.floats(61, 50, 1, 5);
		final NhwcArray untiled = Untiled.run(model, image);
		final Img<FloatType> tiled = Restorer.of(model).restoreAsFloat(image, Axes.xy(), options(24, 2, 0,
			Blending.CROP));
		assertTrue(maxAbsDifference(tiled, untiled) > 1e-3);
	}
}
