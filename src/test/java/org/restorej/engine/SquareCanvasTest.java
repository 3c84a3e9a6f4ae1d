package org.restorej.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;
import org.restorej.array.NhwcArray;
import org.restorej.bench.Patterns;
import org.restorej.engine.normalize.Normalization;
import org.restorej.engine.tiling.TileGrid;
import org.restorej.model.ModelDescription;
import org.restorej.runtime.LoadedModel;

/**
 * AST's way: square inputs whose side is a multiple of the window grid, the image centred on that
 * square. Tiles are square, start on the grid counted from the square's corner (so windows fall where
 * they fall untiled). Beyond the image, the untiled pass sees zeros, as AST's official expand2square
 * does (the image's mirror image with {@link Padding#MIRROR}), and tiles the image's mirror image.
 */
class SquareCanvasTest {

	private static final int GRID = 16;

	/** The convolutional test network described as AST is: square, multiple of 16, centred canvas. */
	private static Restorer astLike(final LoadedModel conv) {
		final ModelDescription d = conv.description();
		final ModelDescription ast = new ModelDescription(d.format(), "ast-like", "ast", d.config(), d.task(), d
			.input(), d.output(), d.valueRange(), new ModelDescription.Size(GRID, true,
				OfficialSizeHandling.SQUARE_CANVAS, ""), new ModelDescription.Tiling(32, 12), d.savedModel(), d.source(), d
					.license(), d.test());
		return new Restorer(ast, TileNetwork.of(conv, "CPU:0"));
	}

	private static final RestoreOptions OPTIONS = RestoreOptions.defaults().withNormalization(Normalization.none())
		.withLog(m -> {});

	@Test
	void tilesAreSquareOnTheGridOfTheCentredSquare() {
		final Restorer r = astLike(TestModels.conv(TestModels.GREY));
		final TileGrid grid = r.plan(70, 45, OPTIONS.withTileSize(32).withHalo(12));
		// side 80: the image starts 5 pixels in horizontally, 17 vertically
		assertEquals(-5, grid.canvas().x().start());
		assertEquals(-17, grid.canvas().y().start());
		assertEquals(80, grid.canvas().y().length());
		assertEquals(grid.x().inputSize(), grid.y().inputSize());
		for (int i = 0; i < grid.count(); i++) {
			final TileGrid.Tile t = grid.tile(i);
			assertEquals(0, Math.floorMod(t.x().input().start() + 5, GRID));
			assertEquals(0, Math.floorMod(t.y().input().start() + 17, GRID));
		}
	}

	@Test
	void theUntiledPassSeesTheOfficialZeroSquareAndTilesItsMirroredImage() {
		final LoadedModel conv = TestModels.conv(TestModels.GREY);
		final ArrayImg<FloatType, FloatArray> image = Patterns.floats(70, 45, 1, 8);
		// the references, written out here: the 80x80 square with the image at (5, 17), zeros or the
		// image's mirror image around it
		final NhwcArray zeros = conv.run(square(image, false)).crop(17, 5, 45, 70);
		final NhwcArray mirrored = conv.run(square(image, true)).crop(17, 5, 45, 70);
		assertTrue(maxAbs(zeros, mirrored) > 1e-2, "the padding matters on this network near the image's edges");
		// a tile of 96 covers the whole square: the untiled pass, as AST's official expand2square
		// (the runtime's official pass is checked against PyTorch's in ReferenceFixtureTest, and the engine's
		// through the front ends in OfficialUntiledRestoreTest)
		assertAtMost(1e-5, zeros, astLike(conv).restoreAsFloat(image, Axes.xy(), OPTIONS.withTileSize(96)), "untiled");
		for (final int tile : new int[] { 32, 48 })
			assertAtMost(1e-5, mirrored, astLike(conv).restoreAsFloat(image, Axes.xy(), OPTIONS.withTileSize(tile)
				.withHalo(12).withBlend(4)), "tile " + tile);
	}

	@Test
	void mirrorPaddingMirrorsTheUntiledPassToo() {
		final LoadedModel conv = TestModels.conv(TestModels.GREY);
		final ArrayImg<FloatType, FloatArray> image = Patterns.floats(70, 45, 1, 8);
		final NhwcArray mirrored = conv.run(square(image, true)).crop(17, 5, 45, 70);
		for (final int tile : new int[] { 32, 48, 96 })
			assertAtMost(1e-5, mirrored, astLike(conv).restoreAsFloat(image, Axes.xy(), OPTIONS.withTileSize(tile)
				.withHalo(12).withBlend(4).withPadding(Padding.MIRROR)), "tile " + tile);
	}

	/** The 80x80 square with the 70x45 image at (5, 17), zeros or the image's mirror image around it. */
	private static NhwcArray square(final ArrayImg<FloatType, FloatArray> image, final boolean mirrored) {
		final float[] px = image.update(null).getCurrentStorageArray();
		final NhwcArray square = NhwcArray.zeros(1, 80, 80, 1);
		for (int y = 0; y < 80; y++)
			for (int x = 0; x < 80; x++) {
				final int sy = y - 17, sx = x - 5;
				final boolean inside = sy >= 0 && sy < 45 && sx >= 0 && sx < 70;
				if (inside || mirrored) square.data()[y * 80 + x] = px[mirror(sy, 45) * 70 + mirror(sx, 70)];
			}
		return square;
	}

	private static void assertAtMost(final double tolerance, final NhwcArray reference, final Img<FloatType> out,
		final String what)
	{
		final NhwcArray o = NhwcArray.zeros(1, 45, 70, 1);
		final var ra = out.randomAccess();
		for (int y = 0; y < 45; y++)
			for (int x = 0; x < 70; x++)
				o.data()[y * 70 + x] = ra.setPositionAndGet(x, y).get();
		assertAtMost(tolerance, reference, o, what);
	}

	private static void assertAtMost(final double tolerance, final NhwcArray reference, final NhwcArray out,
		final String what)
	{
		final double max = maxAbs(reference, out);
		assertTrue(max <= tolerance, what + ": max-abs " + max);
	}

	private static double maxAbs(final NhwcArray a, final NhwcArray b) {
		double max = 0;
		for (int i = 0; i < a.data().length; i++)
			max = Math.max(max, Math.abs(a.data()[i] - b.data()[i]));
		return max;
	}

	private static int mirror(final int i, final int n) {
		final int period = 2 * n - 2, r = Math.floorMod(i, period);
		return r < n ? r : period - r;
	}
}
