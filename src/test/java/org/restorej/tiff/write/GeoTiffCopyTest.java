package org.restorej.tiff.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.ExternalReaders;
import org.restorej.tiff.FieldType;
import org.restorej.tiff.SampleType;
import org.restorej.tiff.TiffField;
import org.restorej.tiff.TiffTag;

/**
 * GeoTIFF and GDAL entries taken raw from a file GDAL wrote, copied into the writer's output: GDAL
 * must find the same georeferencing, nodata and metadata, and the value bytes must be unchanged
 * (only swapped where the byte order differs).
 */
class GeoTiffCopyTest {

	@TempDir
	Path dir;

	/** The Python with tifffile and GDAL (geotiff.py uses both). */
	private String python;

	@Test
	void gdalReadsTheSameGeoreferencingLittleEndian() throws IOException {
		copyAndCompare(ByteOrder.LITTLE_ENDIAN);
	}

	@Test
	void gdalReadsTheSameGeoreferencingBigEndian() throws IOException {
		copyAndCompare(ByteOrder.BIG_ENDIAN);
	}

	@Test
	void aCopiedFieldMayNotReplaceTheLayout() {
		final TiffField width = TiffField.ofLongs(TiffTag.IMAGE_WIDTH, ByteOrder.LITTLE_ENDIAN, 10);
		final TiffOutputSpec spec = TiffOutputSpec.of(10, 10, 1, 1, 1, SampleType.UINT8);
		assertThrows(IllegalArgumentException.class, () -> spec.withCopiedFields(List.of(width)));
		final TiffField offsets = TiffField.ofLong8s(TiffTag.TILE_OFFSETS, ByteOrder.LITTLE_ENDIAN, 16);
		assertThrows(IllegalArgumentException.class, () -> spec.withCopiedFields(List.of(offsets)));
	}

	private void copyAndCompare(final ByteOrder order) throws IOException {
		python = ExternalReaders.python(ExternalReaders.TIFFFILE, ExternalReaders.GDAL);
		final Path source = dir.resolve("gdal.tif"), copy = dir.resolve("copy-" + order + ".tif");
		PythonReaders.script(python, dir, "geotiff.py", "make", source.toString());
		final List<TiffField> fields = tags(source);
		assertFalse(fields.isEmpty());

		try (TiledTiffWriter<UnsignedShortType> writer = TiledTiffWriter.create(copy, TiffOutputSpec.of(70, 45, 1, 1,
			1, SampleType.UINT16).withTileSize(32).withByteOrder(order).withCopiedFields(fields)))
		{
			final RandomAccess<UnsignedShortType> a = writer.output().randomAccess();
			for (int y = 0; y < 45; y++)
				for (int x = 0; x < 70; x++)
					a.setPositionAndGet(x, y, 0, 0, 0).set(y * 70 + x);
			writer.commit();
		}

		final JsonObject original = info(source), copied = info(copy);
		assertEquals(original.get("geotransform"), copied.get("geotransform"));
		assertEquals(original.get("projection"), copied.get("projection"));
		assertEquals(65535.0, copied.get("nodata").getAsDouble());
		assertEquals("test-sensor", copied.getAsJsonObject("metadata").get("SENSOR").getAsString());
		assertEquals(original.get("pixels"), copied.get("pixels"));

		final List<TiffField> written = tags(copy);
		assertEquals(fields.size(), written.size());
		for (int i = 0; i < fields.size(); i++) {
			final TiffField expected = fields.get(i).inOrder(order);
			assertEquals(expected, written.get(i), TiffTag.name(expected.tag()) + " bytes");
		}
	}

	private JsonObject info(final Path file) throws IOException {
		return JsonParser.parseString(PythonReaders.script(python, dir, "geotiff.py", "info", file.toString()))
			.getAsJsonObject();
	}

	/** The raw GeoTIFF and GDAL entries of a file's first page, as tifffile finds them. */
	private List<TiffField> tags(final Path file) throws IOException {
		final List<TiffField> fields = new ArrayList<>();
		for (final String line : PythonReaders.script(python, dir, "geotiff.py", "tags", file.toString()).split("\n")) {
			if (line.isBlank()) continue;
			final String[] p = line.trim().split(" ");
			final ByteOrder o = p[4].equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
			fields.add(new TiffField(Integer.parseInt(p[0]), FieldType.of(Integer.parseInt(p[1])), Long.parseLong(p[2]),
				HexFormat.of().parseHex(p[3]), o));
		}
		return fields;
	}
}
