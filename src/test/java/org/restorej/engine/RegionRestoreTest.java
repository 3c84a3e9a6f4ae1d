package org.restorej.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;
import org.restorej.bench.Patterns;
import org.restorej.engine.normalize.Normalization;
import org.restorej.engine.tiling.Span;
import org.restorej.engine.tiling.TileGrid;

/**
 * A region restored on its own is, bit for bit, the same region of the whole image restored: what lets
 * a cluster job restore an image in pieces with the result of one run.
 */
class RegionRestoreTest {

	private static RestoreOptions options() {
		return RestoreOptions.defaults().withNormalization(Normalization.fixed(100, 60000)).withTileSize(32)
			.withHalo(12).withLog(m -> {});
	}

	/** The rectangle {@code xs x ys} of every plane of {@code image} (XYZ). */
	private static <T> RandomAccessibleInterval<T> crop(final RandomAccessibleInterval<T> image, final Span xs,
		final Span ys)
	{
		return Views.interval(image, new long[] { xs.start(), ys.start(), 0 }, new long[] { xs.end() - 1, ys.end() - 1,
			image.max(2) });
	}

	private static int differing(final RandomAccessibleInterval<UnsignedShortType> a,
		final RandomAccessibleInterval<UnsignedShortType> b)
	{
		final int[] n = { 0 };
		LoopBuilder.setImages(Views.zeroMin(a), Views.zeroMin(b)).forEachPixel((p, q) -> {
			if (p.get() != q.get()) n[0]++;
		});
		return n[0];
	}

	@Test
	void regionsEqualTheCropOfTheWholeRestoreBitForBit() {
		final Restorer restorer = Restorer.of(TestModels.conv(TestModels.GREY));
		final long width = 101, height = 77;
		final Img<UnsignedShortType> image = ArrayImgs.unsignedShorts(width, height, 2);
		// two Z planes: the pattern's upper and lower halves
		final net.imglib2.RandomAccess<UnsignedShortType> pattern = Patterns.computed16(width, 2 * height, 7)
			.randomAccess();
		final net.imglib2.Cursor<UnsignedShortType> c = image.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			pattern.setPosition(new long[] { c.getLongPosition(0), c.getLongPosition(1) + height * c.getLongPosition(2) });
			c.get().set(pattern.get());
		}
		final Img<UnsignedShortType> whole = restorer.restoreAsInputType(image, Axes.of("XYZ"), options());
		final TileGrid grid = restorer.plan(width, height, options());
		assertTrue(grid.count() >= 9, "the image is cut into several tiles: " + grid.count());
		for (final Span[] r : new Span[][] { { new Span(0, width), new Span(0, height) }, { new Span(0, 32), new Span(0,
			32) }, { new Span(13, 71), new Span(29, 30) }, { new Span(width - 1, width), new Span(height - 5, height) }, {
				new Span(40, 41), new Span(40, 41) } })
		{
			final Img<UnsignedShortType> piece = ArrayImgs.unsignedShorts(r[0].length(), r[1].length(), 2);
			restorer.restoreRegion(image, Axes.of("XYZ"), piece, r[0], r[1], options());
			assertEquals(0, differing(crop(whole, r[0], r[1]), piece), "pixels differing in " + r[0] + " x " + r[1]);
		}
	}

	@Test
	void piecesOfWholeChunksMakeUpTheWholeRestore() {
		final Restorer restorer = Restorer.of(TestModels.conv(TestModels.GREY));
		final Img<FloatType> image = Patterns.floats(90, 70, 1, 11);
		final RestoreOptions o = RestoreOptions.defaults().withNormalization(Normalization.none()).withTileSize(24)
			.withHalo(10).withLog(m -> {});
		final Img<FloatType> whole = restorer.restoreAsFloat(image, Axes.xy(), o);
		final Img<FloatType> assembled = ArrayImgs.floats(90, 70);
		for (long y = 0; y < 70; y += 32)
			for (long x = 0; x < 90; x += 32) {
				final Span xs = new Span(x, Math.min(90, x + 32)), ys = new Span(y, Math.min(70, y + 32));
				final RandomAccessibleInterval<FloatType> target = Views.interval(assembled, new long[] { xs.start(), ys
					.start() }, new long[] { xs.end() - 1, ys.end() - 1 });
				restorer.restoreRegion(image, Axes.xy(), target, xs, ys, o);
			}
		final int[] differing = { 0 };
		LoopBuilder.setImages(whole, assembled).forEachPixel((a, b) -> {
			if (Float.floatToIntBits(a.get()) != Float.floatToIntBits(b.get())) differing[0]++;
		});
		assertEquals(0, differing[0], "pixels of the assembled pieces differing from the whole restore");
	}

	@Test
	void aRegionOutsideTheImageIsRefused() {
		final Restorer restorer = Restorer.of(TestModels.conv(TestModels.GREY));
		final Img<FloatType> image = Patterns.floats(40, 30, 1, 3);
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> restorer.restoreRegion(
			image, Axes.xy(), ArrayImgs.floats(10, 10), new Span(35, 45), new Span(0, 10), options()));
		assertTrue(e.getMessage().contains("not inside"), e.getMessage());
	}
}
