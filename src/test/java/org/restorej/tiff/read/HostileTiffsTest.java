package org.restorej.tiff.read;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.restorej.tiff.InvalidTiffException;

/**
 * Files that declare far more than they hold (a tile of 16777216 x 16 pixels in 13 KB, an entry of 2^30
 * values) fail at open with an {@link InvalidTiffException} naming the file, having allocated next to
 * nothing: sizes are checked against the file before anything is allocated.
 */
class HostileTiffsTest {

	/** What opening a 13 KB file may allocate: its directory and small buffers, not what it declares. */
	private static final long BUDGET = 8L << 20;

	@TempDir
	Path dir;

	@Test
	void aTileFarLargerThanItsCompressedBytesIsRefusedBeforeItIsAllocated() throws IOException {
		final byte[] random = new byte[13_000];
		new Random(3).nextBytes(random);
		final byte[] packed = deflate(random);
		final Path file = dir.resolve("huge-tile.tif");
		// 64 x 64 16-bit in four tiles of 16777216 x 16 (512 MB each once decoded), all the same 13 KB
		write(file, packed, new long[][] { { 256, 3, 1, 64 }, { 257, 3, 1, 64 }, { 258, 3, 1, 16 }, { 259, 3, 1, 8 }, {
			262, 3, 1, 1 }, { 277, 3, 1, 1 }, { 322, 4, 1, 16777216 }, { 323, 4, 1, 16 }, { 324, 4, 4, -1 }, { 325, 4, 4,
				-2 } });
		final InvalidTiffException e = assertRefusedWithin(file);
		assertTrue(e.getMessage().contains("tile 0") && e.getMessage().contains("cannot decode to that many"), e
			.getMessage());
	}

	@Test
	void anEntryOfABillionValuesIsRefusedBeforeItIsAllocated() throws IOException {
		final Path file = dir.resolve("long-description.tif");
		// ImageDescription: 2^30 ASCII characters at offset 8, in a file of 8 KB
		write(file, new byte[64 * 64 * 2], new long[][] { { 256, 3, 1, 64 }, { 257, 3, 1, 64 }, { 258, 3, 1, 16 }, { 259,
			3, 1, 1 }, { 262, 3, 1, 1 }, { 270, 2, 1L << 30, 8 }, { 273, 4, 1, -3 }, { 277, 3, 1, 1 }, { 278, 3, 1, 64 }, {
				279, 4, 1, 64 * 64 * 2 } });
		final InvalidTiffException e = assertRefusedWithin(file);
		assertTrue(e.getMessage().contains("values of tag 270") && e.getMessage().contains("beyond the end"), e
			.getMessage());
	}

	@Test
	void anUncompressedStripShorterThanItsRowsIsRefusedAtOpen() throws IOException {
		final Path file = dir.resolve("short-strip.tif");
		write(file, new byte[100], new long[][] { { 256, 3, 1, 64 }, { 257, 3, 1, 64 }, { 258, 3, 1, 16 }, { 259, 3, 1,
			1 }, { 262, 3, 1, 1 }, { 273, 4, 1, -3 }, { 277, 3, 1, 1 }, { 278, 3, 1, 64 }, { 279, 4, 1, 100 } });
		final InvalidTiffException e = assertRefusedWithin(file);
		assertTrue(e.getMessage().contains("strip 0") && e.getMessage().contains("is fewer"), e.getMessage());
	}

	private static InvalidTiffException assertRefusedWithin(final Path file) {
		final com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		final long before = mx.getCurrentThreadAllocatedBytes();
		final InvalidTiffException e = assertThrows(InvalidTiffException.class, () -> TiffImage.open(file).close());
		final long allocated = mx.getCurrentThreadAllocatedBytes() - before;
		assertTrue(allocated < BUDGET, "opening allocated " + allocated + " bytes");
		assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
		return e;
	}

	/**
	 * A classic little-endian TIFF: {@code data} at offset 8, then one directory of {@code entries}
	 * ({tag, type, count, value}; value -1: as many offsets of {@code data} as the count, -2: as many byte
	 * counts of it, -3: the offset of {@code data}).
	 */
	static void write(final Path file, final byte[] data, final long[][] entries) throws IOException {
		final int ifd = 8 + data.length + (data.length & 1);
		final int arrays = ifd + 2 + 12 * entries.length + 4;
		final ByteBuffer b = ByteBuffer.allocate(arrays + 2 * 4 * 16).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd).put(data);
		b.position(ifd);
		b.putShort((short) entries.length);
		int extra = arrays;
		for (final long[] e : entries) {
			b.putShort((short) e[0]).putShort((short) e[1]).putInt((int) e[2]);
			if (e[3] == -3) b.putInt(8);
			else if (e[3] >= 0) {
				if (e[1] == 3) b.putShort((short) e[3]).putShort((short) 0);
				else b.putInt((int) e[3]);
			}
			else {
				b.putInt(e[2] == 1 ? (e[3] == -1 ? 8 : data.length) : extra);
				for (int i = 0; i < e[2] && e[2] > 1; i++)
					b.putInt(extra + 4 * i, e[3] == -1 ? 8 : data.length);
				if (e[2] > 1) extra += 4 * (int) e[2];
			}
		}
		b.putInt(0);
		Files.write(file, java.util.Arrays.copyOf(b.array(), extra));
	}

	private static byte[] deflate(final byte[] raw) {
		final Deflater d = new Deflater();
		d.setInput(raw);
		d.finish();
		final byte[] out = new byte[raw.length + 1024];
		final int n = d.deflate(out);
		d.end();
		return java.util.Arrays.copyOf(out, n);
	}
}
