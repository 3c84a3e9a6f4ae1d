package org.restorej.tiff.read;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import net.imglib2.Cursor;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.restorej.io.Npy;
import org.restorej.tiff.InvalidTiffException;
import org.restorej.tiff.TiffTag;

/**
 * Broken files fail with an {@link InvalidTiffException} naming the file (never another exception,
 * never a hang), at open for their structure or when the broken block is read.
 */
class CorruptFilesTest {

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "strips_none_u8.tif", "tiles32_deflate_pred2_u16.tif", "gdal_strips_lzw_pred2_u16.tif",
		"gdal_tiles16_packbits_f32.tif", "bigtiff_bigendian_tiles16_deflate32946_u16.tif",
		"gdal_separate2_tiles16_deflate_pred3_f32.tif", "pages3_tiles16_deflate_u16.tif" })
	void truncatedAnywhereFailsWithTheFileName(final String name) throws IOException {
		final byte[] whole = Files.readAllBytes(TiffFixtures.file(name));
		// the control: the whole file reads, and gives the pixels its writer saved beside it
		try (TiffImage intact = TiffImage.open(TiffFixtures.file(name))) {
			TiffFixtures.assertEveryPixel(Npy.read(TiffFixtures.file(name.replace(".tif", ".npy"))), intact.image(), name);
		}
		for (final int length : new int[] { 0, 1, 4, 7, 8, 12, 15, 16, 40, whole.length / 4, whole.length / 2,
			whole.length * 3 / 4, whole.length - 100, whole.length - 1 })
		{
			final Path cut = dir.resolve("cut" + length + "-" + name);
			Files.write(cut, Arrays.copyOf(whole, length));
			final InvalidTiffException e = assertThrows(InvalidTiffException.class, () -> readAll(cut), name + " cut to " +
				length + " bytes");
			assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
		}
	}

	@Test
	void flippedBytesInADeflateStreamNameTheTile() throws IOException {
		final Path file = copy("tiles32_deflate_pred2_u16.tif");
		final long tile = entryValues(file, TiffTag.TILE_OFFSETS)[3];
		final byte[] bytes = Files.readAllBytes(file);
		for (int i = 20; i < 28; i++)
			bytes[(int) tile + i] ^= (byte) 0xA5;
		Files.write(file, bytes);
		final InvalidTiffException e = assertThrows(InvalidTiffException.class, () -> readAll(file));
		assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
		assertTrue(e.getMessage().contains("tile 3 of page 0"), e.getMessage());
	}

	@Test
	void anLzwCodeOutOfRangeNamesTheStrip() throws IOException {
		final Path file = copy("gdal_strips_lzw_pred2_u16.tif");
		final long strip = entryValues(file, TiffTag.STRIP_OFFSETS)[2];
		final byte[] bytes = Files.readAllBytes(file);
		// after the clear code (9 bits) and a literal, the code 511 while only 258 is free
		for (int i = 2; i < 5; i++)
			bytes[(int) strip + i] = (byte) 0xFF;
		Files.write(file, bytes);
		final InvalidTiffException e = assertThrows(InvalidTiffException.class, () -> readAll(file));
		assertTrue(e.getMessage().contains("strip 2 of page 0") && e.getMessage().contains("LZW"), e.getMessage());
	}

	@Test
	void anOffsetPastTheEndFailsAtOpen() throws IOException {
		final Path file = copy("strips_none_u16.tif");
		final long at = entryValuePosition(file, TiffTag.STRIP_OFFSETS);
		final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
		b.putInt((int) at + 4, 1 << 30); // strip 1
		Files.write(file, b.array());
		final InvalidTiffException e = assertThrows(InvalidTiffException.class, () -> TiffImage.open(file));
		assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("strip 1") && e.getMessage()
			.contains("beyond the end"), e.getMessage());
	}

	@Test
	void aDirectoryLoopFailsAtOpen() throws IOException {
		final Path file = copy("strips_none_u8.tif");
		final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
		final int ifd = b.getInt(4);
		b.putInt(ifd + 2 + 12 * (b.getShort(ifd) & 0xFFFF), ifd); // the next directory is itself
		Files.write(file, b.array());
		final InvalidTiffException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
			InvalidTiffException.class, () -> TiffImage.open(file)));
		assertTrue(e.getMessage().contains("loops"), e.getMessage());
	}

	@Test
	void unsupportedCompressionAndTypesSayWhatToDo() throws IOException {
		final Path jpeg = copy("strips_none_u8.tif");
		patchShort(jpeg, TiffTag.COMPRESSION, 7);
		final String m = assertThrows(InvalidTiffException.class, () -> TiffImage.open(jpeg)).getMessage();
		assertTrue(m.contains(jpeg.toString()) && m.contains("7 (JPEG)") && m.contains("gdal_translate"), m);

		// signed integers are read (as float, see SampleKindsTest); half floats are not
		final Path half = copy("strips_none_u16.tif");
		patchTag(half, TiffTag.PHOTOMETRIC, TiffTag.SAMPLE_FORMAT); // tifffile wrote no SampleFormat
		patchShort(half, TiffTag.SAMPLE_FORMAT, 3);
		final String s = assertThrows(InvalidTiffException.class, () -> TiffImage.open(half)).getMessage();
		assertTrue(s.contains(half.toString()) && s.contains("16-bit floating-point") && s.contains("Float32"), s);

		final Path bits = copy("strips_none_u8.tif");
		patchShort(bits, TiffTag.BITS_PER_SAMPLE, 1);
		assertTrue(assertThrows(InvalidTiffException.class, () -> TiffImage.open(bits)).getMessage().contains(
			"1-bit unsigned"));
	}

	@Test
	void notATiffAndMissingFiles() throws IOException {
		final Path text = dir.resolve("notes.tif");
		Files.writeString(text, "hello, this is not an image");
		assertTrue(assertThrows(InvalidTiffException.class, () -> TiffImage.open(text)).getMessage().contains(
			"byte-order mark"));
		final Path missing = dir.resolve("missing.tif");
		assertTrue(assertThrows(InvalidTiffException.class, () -> TiffImage.open(missing)).getMessage().contains(missing
			.toString()));
	}

	@Test
	void aMissingRequiredTagIsNamed() throws IOException {
		final Path file = copy("strips_none_u8.tif");
		patchTag(file, TiffTag.STRIP_BYTE_COUNTS, 65000); // renamed to an unknown tag
		final String m = assertThrows(InvalidTiffException.class, () -> TiffImage.open(file)).getMessage();
		assertTrue(m.contains("StripByteCounts"), m);
	}

	/** Opens and reads every pixel within 30 s. */
	private static void readAll(final Path file) {
		assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
			try (TiffImage tiff = TiffImage.open(file)) {
				final Cursor<? extends RealType<?>> c = Views.flatIterable(tiff.<net.imglib2.type.numeric.real.FloatType> image())
					.cursor();
				while (c.hasNext())
					c.next().getRealDouble();
			}
		});
	}

	private Path copy(final String name) throws IOException {
		final Path to = Files.createTempDirectory(dir, "copy").resolve(name);
		Files.copy(TiffFixtures.file(name), to);
		return to;
	}

	// small editors of classic little-endian files, enough to break fixtures on purpose

	private static int entryPosition(final ByteBuffer b, final int tag) {
		final int ifd = b.getInt(4);
		for (int i = 0; i < (b.getShort(ifd) & 0xFFFF); i++)
			if ((b.getShort(ifd + 2 + 12 * i) & 0xFFFF) == tag) return ifd + 2 + 12 * i;
		throw new AssertionError("no tag " + tag);
	}

	private static ByteBuffer le(final Path file) throws IOException {
		return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
	}

	/** Where an entry's LONG values are: inline for one value, else at the offset it holds. */
	private static long entryValuePosition(final Path file, final int tag) throws IOException {
		final ByteBuffer b = le(file);
		final int e = entryPosition(b, tag);
		return b.getInt(e + 4) == 1 ? e + 8 : b.getInt(e + 8);
	}

	private static long[] entryValues(final Path file, final int tag) throws IOException {
		try (TiffImage tiff = TiffImage.open(file)) {
			return tiff.info().fields().stream().filter(f -> f.tag() == tag).findFirst().orElseThrow().longValues();
		}
	}

	private static void patchShort(final Path file, final int tag, final int value) throws IOException {
		final ByteBuffer b = le(file);
		final int e = entryPosition(b, tag);
		b.putShort(e + 2, (short) 3).putInt(e + 4, 1).putShort(e + 8, (short) value);
		Files.write(file, b.array());
	}

	private static void patchTag(final Path file, final int tag, final int newTag) throws IOException {
		final ByteBuffer b = le(file);
		b.putShort(entryPosition(b, tag), (short) newTag);
		Files.write(file, b.array());
	}
}
