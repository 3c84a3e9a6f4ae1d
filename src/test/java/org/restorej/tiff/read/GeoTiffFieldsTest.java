package org.restorej.tiff.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.restorej.tiff.FieldType;
import org.restorej.tiff.PixelCalibration;
import org.restorej.tiff.TiffField;
import org.restorej.tiff.TiffTag;

/** A GeoTIFF made by GDAL keeps its georeferencing entries raw, in file order, with the values GDAL wrote. */
class GeoTiffFieldsTest {

	@Test
	void geoFieldsHoldWhatGdalWrote() {
		final JsonObject expected = TiffFixtures.geotiff();
		try (TiffImage tiff = TiffImage.open(TiffFixtures.file("geotiff_gdal_tiles16_deflate_pred3_f32.tif"))) {
			final TiffImageInfo info = tiff.info();
			assertArrayEquals(ints(expected.getAsJsonArray("allTags")), info.fields().stream().mapToInt(TiffField::tag)
				.toArray(), "every entry, in file order");
			final List<TiffField> geo = info.geoFields();
			assertArrayEquals(ints(expected.getAsJsonArray("geoTags")), geo.stream().mapToInt(TiffField::tag).toArray());

			final TiffField scale = field(geo, TiffTag.MODEL_PIXEL_SCALE);
			assertEquals(FieldType.DOUBLE, scale.type());
			assertArrayEquals(doubles(expected.getAsJsonArray("ModelPixelScale")), new double[] { scale.doubleValue(0),
				scale.doubleValue(1), scale.doubleValue(2) });
			final TiffField tiepoint = field(geo, TiffTag.MODEL_TIEPOINT);
			final double[] tie = new double[(int) tiepoint.count()];
			for (int i = 0; i < tie.length; i++)
				tie[i] = tiepoint.doubleValue(i);
			assertArrayEquals(doubles(expected.getAsJsonArray("ModelTiepoint")), tie);
			final TiffField keys = field(geo, TiffTag.GEO_KEY_DIRECTORY);
			assertEquals(FieldType.SHORT, keys.type());
			assertArrayEquals(longs(expected.getAsJsonArray("GeoKeyDirectory")), keys.longValues());
			assertEquals(expected.get("GDAL_NODATA").getAsString(), field(geo, TiffTag.GDAL_NODATA).text());
			// tifffile strips the newline GDAL ends its XML with
			assertEquals(expected.get("GDAL_METADATA").getAsString(), field(geo, TiffTag.GDAL_METADATA).text().strip());
			// raw bytes in the file's order: a writer can copy them unchanged
			assertEquals(ByteOrder.LITTLE_ENDIAN, keys.order());
			assertEquals(keys.count() * 2, keys.bytes().length);
			// no resolution tags: no calibration; the map units live in the geo tags
			assertEquals(PixelCalibration.none(), info.calibration());
		}
	}

	private static TiffField field(final List<TiffField> fields, final int tag) {
		return fields.stream().filter(f -> f.tag() == tag).findFirst().orElseThrow(() -> new AssertionError(TiffTag.name(
			tag) + " missing"));
	}

	private static int[] ints(final JsonArray a) {
		return StreamSupport.stream(a.spliterator(), false).mapToInt(JsonElement::getAsInt).toArray();
	}

	private static long[] longs(final JsonArray a) {
		return StreamSupport.stream(a.spliterator(), false).mapToLong(JsonElement::getAsLong).toArray();
	}

	private static double[] doubles(final JsonArray a) {
		return StreamSupport.stream(a.spliterator(), false).mapToDouble(JsonElement::getAsDouble).toArray();
	}
}
