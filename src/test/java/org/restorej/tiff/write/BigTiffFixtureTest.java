package org.restorej.tiff.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.tiff.SampleType;
import org.restorej.tiff.TiffField;
import org.restorej.tiff.TiffTag;

/** The whole file of a tiny image, byte for byte, against a layout worked out by hand from the BigTIFF spec. */
class BigTiffFixtureTest {

	@TempDir
	Path dir;

	@Test
	void tinyImageMatchesTheHandDerivedFile() throws IOException {
		final Path target = dir.resolve("tiny.tif");
		final TiffOutputSpec spec = TiffOutputSpec.of(3, 2, 1, 1, 1, SampleType.UINT16).withTileSize(16)
			.withCopiedFields(List.of(TiffField.ofAscii(TiffTag.GDAL_NODATA, ByteOrder.LITTLE_ENDIAN, "0")));
		try (TiledTiffWriter<UnsignedShortType> writer = TiledTiffWriter.create(target, spec)) {
			final RandomAccess<UnsignedShortType> a = writer.output().randomAccess();
			final int[][] pixels = { { 1, 2, 3 }, { 0x0100, 0x1234, 0xFFFF } };
			for (int y = 0; y < 2; y++)
				for (int x = 0; x < 3; x++)
					a.setPositionAndGet(x, y, 0, 0, 0).set(pixels[y][x]);
			writer.commit();
			assertEquals(838, writer.bytesWritten());
		}
		final String expected = HexFormat.of().formatHex(fixture("uint16-3x2-tile16.hex"));
		final String actual = HexFormat.of().formatHex(Files.readAllBytes(target));
		// compare as text, 16 bytes a line, so a failure points at the offset
		assertEquals(lines(expected), lines(actual));
	}

	/** The bytes a commented hex dump describes ("BB*n" repeats a byte n times). */
	static byte[] fixture(final String name) throws IOException {
		final String text;
		try (InputStream in = BigTiffFixtureTest.class.getResourceAsStream(name)) {
			text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (final String line : text.split("\n")) {
			final String data = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
			for (final String token : data.trim().split("\\s+")) {
				if (token.isEmpty()) continue;
				final String[] parts = token.split("\\*");
				final int value = Integer.parseInt(parts[0], 16);
				final int times = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
				for (int i = 0; i < times; i++)
					out.write(value);
			}
		}
		return out.toByteArray();
	}

	private static String lines(final String hex) {
		final StringBuilder s = new StringBuilder();
		for (int i = 0; i < hex.length(); i += 32)
			s.append(String.format("%06d: ", i / 2)).append(hex, i, Math.min(hex.length(), i + 32)).append('\n');
		return s.toString();
	}
}
