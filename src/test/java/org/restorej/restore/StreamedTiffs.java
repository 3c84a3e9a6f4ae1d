package org.restorej.restore;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.restorej.bench.SyntheticTiff;
import org.restorej.tiff.PixelCalibration;
import org.restorej.tiff.SampleType;
import org.restorej.tiff.TiffField;
import org.restorej.tiff.TiffTag;
import org.restorej.tiff.write.TiffOutputSpec;

/**
 * Files only streaming reads: 16-bit tiled, deflated BigTIFF scenes with GeoTIFF entries and a
 * calibration, written with RestoreJ's own writer; and the exact comparison of streamed results.
 */
public final class StreamedTiffs {

	private StreamedTiffs() {}

	/** GeoTIFF entries as GDAL writes them for a UTM scene: scale, tie point, keys, nodata. */
	public static List<TiffField> geoFields(final ByteOrder order) {
		return List.of(TiffField.ofDoubles(TiffTag.MODEL_PIXEL_SCALE, order, 10, 10, 0), TiffField.ofDoubles(
			TiffTag.MODEL_TIEPOINT, order, 0, 0, 0, 399960, 5000040, 0), TiffField.ofShorts(TiffTag.GEO_KEY_DIRECTORY,
				order, 1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 32633), TiffField.ofAscii(TiffTag.GDAL_NODATA,
					order, "0"));
	}

	/** A {@code width} x {@code height} scene of {@link SyntheticTiff#value} in 64-pixel tiles. */
	public static Path write(final Path file, final int width, final int height, final ByteOrder order)
		throws Exception
	{
		SyntheticTiff.write(file, TiffOutputSpec.of(width, height, 1, 1, 1, SampleType.UINT16).withTileSize(64)
			.withDeflate(true).withByteOrder(order).withCalibration(new PixelCalibration(0.5, 0.5, 1, 0, "micron"))
			.withCopiedFields(geoFields(order)));
		return file;
	}

	/** Same size, and every pixel equal to the last bit. */
	public static void assertSamePixels(final RandomAccessibleInterval<FloatType> expected,
		final RandomAccessibleInterval<FloatType> actual)
	{
		org.junit.jupiter.api.Assertions.assertArrayEquals(expected.dimensionsAsLongArray(), actual
			.dimensionsAsLongArray());
		final Cursor<FloatType> e = Views.flatIterable(expected).localizingCursor();
		final RandomAccess<FloatType> a = actual.randomAccess();
		while (e.hasNext()) {
			e.fwd();
			a.setPosition(e);
			org.junit.jupiter.api.Assertions.assertEquals(e.get().get(), a.get().get(), 0f, () -> "pixel " + Arrays
				.toString(e.positionAsLongArray()));
		}
	}
}
