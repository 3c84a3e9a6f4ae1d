package org.restorej.tiff.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.blocks.PrimitiveBlocks;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

import org.restorej.engine.normalize.Affine;
import org.restorej.engine.pixels.PlaneReader;

/**
 * The engine reads planes through {@link PrimitiveBlocks} on hyper-slices of the 5D image: the bulk
 * path must apply (no per-pixel fallback) and match per-pixel reads across tile borders.
 */
class PrimitiveBlocksTest {

	@Test
	void regionAcrossTilesOfOneChannelEqualsPixelReads() {
		// separate sample planes in 16-pixel tiles: channel 1 of 3
		try (TiffImage tiff = TiffImage.open(TiffFixtures.file("separate3_tiles16_deflate_u16.tif"))) {
			final RandomAccessibleInterval<UnsignedShortType> xyczt = tiff.image();
			final RandomAccessibleInterval<UnsignedShortType> plane = slice(xyczt, 1, 0, 0);
			final PrimitiveBlocks<UnsignedShortType> blocks = PrimitiveBlocks.of(plane, PrimitiveBlocks.OnFallback.FAIL);
			final int x0 = 9, y0 = 13, w = 38, h = 22; // crosses 3 tile columns and 2 tile rows, to the right edge
			final short[] bulk = new short[w * h];
			blocks.copy(new long[] { x0, y0 }, bulk, new int[] { w, h });
			final RandomAccess<UnsignedShortType> a = plane.randomAccess();
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					assertEquals(a.setPositionAndGet(x0 + x, y0 + y).get(), bulk[y * w + x] & 0xFFFF, "at " + x + "," + y);
		}
	}

	@Test
	void chunkyStripsOfAHyperSliceInBulk() {
		// 4 interleaved float channels in strips of 6 rows: channel 3
		try (TiffImage tiff = TiffImage.open(TiffFixtures.file("chunky4_strips_deflate_f32.tif"))) {
			final RandomAccessibleInterval<FloatType> xyczt = tiff.image();
			final RandomAccessibleInterval<FloatType> plane = slice(xyczt, 3, 0, 0);
			final int x0 = 3, y0 = 4, w = 47, h = 33; // across strips
			final float[] bulk = new float[w * h];
			PrimitiveBlocks.of(plane, PrimitiveBlocks.OnFallback.FAIL).copy(new long[] { x0, y0 }, bulk, new int[] { w,
				h });
			final RandomAccess<FloatType> a = plane.randomAccess();
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					assertEquals(a.setPositionAndGet(x0 + x, y0 + y).get(), bulk[y * w + x], 0, "at " + x + "," + y);
		}
	}

	/**
	 * The engine's {@link PlaneReader} (mirrored edges, bulk copies) on a plane of a C=2, Z=3, T=2 hyperstack.
	 * (With a dimension of size 1 among C, Z, T, imglib2 8.0's mirror range finder divides by zero when it
	 * moves the extension through the hyper-slices: see the report of the reader's branch.)
	 */
	@Test
	void planeReaderReadsAHyperSlice() {
		try (TiffImage tiff = TiffImage.open(TiffFixtures.file("imagej_hyperstack_u16.tif"))) {
			final RandomAccessibleInterval<UnsignedShortType> xyczt = tiff.image();
			final RandomAccessibleInterval<UnsignedShortType> plane = slice(xyczt, 1, 2, 1);
			PrimitiveBlocks.of(plane, PrimitiveBlocks.OnFallback.FAIL); // the bulk path applies
			final PlaneReader<UnsignedShortType> reader = PlaneReader.of(plane);
			final int w = 20, h = 15;
			final float[] values = new float[w * h];
			reader.read(35, 25, w, h, values, 0, 1, Affine.IDENTITY);
			final RandomAccess<UnsignedShortType> a = plane.randomAccess();
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					// mirrored without repeating the edge pixel beyond the 50 x 37 plane
					final int px = 35 + x < 50 ? 35 + x : 2 * 49 - (35 + x);
					final int py = 25 + y < 37 ? 25 + y : 2 * 36 - (25 + y);
					assertEquals(a.setPositionAndGet(px, py).get(), values[y * w + x], 0, "at " + x + "," + y);
				}
		}
	}

	static <T> RandomAccessibleInterval<T> slice(final RandomAccessibleInterval<T> xyczt, final long c, final long z,
		final long t)
	{
		return Views.hyperSlice(Views.hyperSlice(Views.hyperSlice(xyczt, 4, t), 3, z), 2, c);
	}
}
