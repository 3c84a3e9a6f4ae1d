package org.restorej.tiff.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import net.imglib2.Cursor;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.restorej.io.Mutants;

/**
 * Seeded mutants of small valid TIFFs (bytes flipped, the file cut, directory entries given other
 * tags, types, counts and values): every one opens and reads to the last pixel, or fails with an
 * {@link org.restorej.tiff.InvalidTiffException} naming it; none allocates more than a small budget,
 * whatever sizes its entries declare.
 */
class MutatedTiffsTest {

	/** Far below what a declared 2^30 or 2^31 would allocate; the fixtures decode to a few hundred KB. */
	private static final long BUDGET = 32L << 20;
	/** Values a broken or hostile entry holds: edges of the field widths, sizes just past the file. */
	private static final long[] EXTREMES = { 0, 1, 2, 3, 7, 255, 256, 65535, 65536, 1 << 20, 16777216, 1 << 26, 1 << 28,
		1 << 30, Integer.MAX_VALUE, 0xFFFFFFFFL, 0x80000000L };
	/** The entries that size what a reader allocates: image, tile and strip sizes, offsets and counts. */
	private static final int[] SIZE_TAGS = { 256, 257, 270, 273, 278, 279, 322, 323, 324, 325 };

	@TempDir
	Path dir;

	@Test
	void everyMutantReadsOrFailsCleanlyWithinTheBudget() throws IOException {
		final String[] valid = { "strips_none_u8.tif", "tiles32_deflate_pred2_u16.tif", "gdal_strips_lzw_pred2_u16.tif",
			"gdal_tiles16_packbits_u8.tif", "bigtiff_bigendian_tiles16_deflate32946_u16.tif",
			"gdal_separate2_tiles16_deflate_pred3_f32.tif", "rgb_tiles16_deflate_pred2_u8.tif", "imagej_hyperstack_u16.tif" };
		final Random random = new Random(20261208L);
		try (Mutants mutants = new Mutants(BUDGET)) {
			for (final String name : valid) {
				final byte[] whole = Files.readAllBytes(TiffFixtures.file(name));
				final List<Integer> entries = entries(whole);
				// every sizing entry given each of a few sizes, as a value and as a count
				final ByteOrder order = whole[0] == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
				for (final int entry : entries)
					if (Arrays.stream(SIZE_TAGS).anyMatch(t -> t == (ByteBuffer.wrap(whole).order(order).getShort(entry) &
						0xFFFF))) for (final long size : new long[] { 0, 1, 65535, 16777216, 1 << 28, 1 << 30, 0xFFFFFFFFL })
							for (final boolean count : new boolean[] { false, true }) {
								final byte[] b = whole.clone();
								final String what = name + " " + resize(b, entry, size, count);
								final Path file = Files.write(dir.resolve("sized-" + name), b);
								mutants.tryRead(what, file.toString(), () -> readAll(file));
							}
				for (int m = 0; m < 45; m++) {
					final byte[] b;
					final String what;
					if (random.nextInt(7) == 0) {
						final int length = random.nextInt(whole.length);
						b = Arrays.copyOf(whole, length);
						what = name + " cut to " + length + " bytes";
					}
					else {
						b = whole.clone();
						what = name + " " + mutate(b, entries, random);
					}
					final Path file = Files.write(dir.resolve("mutant-" + m + "-" + name), b);
					mutants.tryRead(what, file.toString(), () -> readAll(file));
					Files.delete(file);
				}
			}
			mutants.assertAllClean("TIFF");
		}
	}

	/** Mutates {@code b} in place and says how. */
	private static String mutate(final byte[] b, final List<Integer> entries, final Random random) {
		final boolean big = b[2] == 0 && b[3] == 43 || b[2] == 43 && b[3] == 0;
		final ByteBuffer buf = ByteBuffer.wrap(b).order(b[0] == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
		// half the time one of the entries that size allocations
		final List<Integer> sizing = entries.stream().filter(e -> Arrays.stream(SIZE_TAGS).anyMatch(t -> t == (buf
			.getShort(e) & 0xFFFF))).toList();
		final List<Integer> among = random.nextBoolean() && !sizing.isEmpty() ? sizing : entries;
		final int entry = among.get(random.nextInt(among.size()));
		final long extreme = EXTREMES[random.nextInt(EXTREMES.length)];
		switch (random.nextInt(6)) {
			case 0 -> {
				final int n = 1 + random.nextInt(4);
				for (int i = 0; i < n; i++)
					b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
				return n + " bit(s) flipped";
			}
			case 1 -> {
				// bytes of the directories and headers, where the structure is
				final int at = random.nextInt(3) == 0 ? random.nextInt(Math.min(16, b.length)) : entry + random.nextInt(big
					? 20 : 12);
				b[at] = (byte) random.nextInt(256);
				return "byte " + at + " set";
			}
			case 2 -> {
				return resize(b, entry, extreme, true);
			}
			case 3 -> {
				return resize(b, entry, extreme, false);
			}
			case 4 -> {
				final int[] tags = { 256, 257, 258, 259, 273, 277, 278, 279, 284, 317, 322, 323, 324, 325, 339, 270 };
				final int tag = tags[random.nextInt(tags.length)];
				buf.putShort(entry, (short) tag);
				return "entry at " + entry + " tagged " + tag;
			}
			default -> {
				final int type = 1 + random.nextInt(18);
				buf.putShort(entry + 2, (short) type);
				return "entry at " + entry + " typed " + type;
			}
		}
	}

	/** Sets the count of the entry at {@code entry}, or makes it a single value wide enough to hold {@code v}. */
	private static String resize(final byte[] b, final int entry, final long v, final boolean count) {
		final boolean big = b[2] == 0 && b[3] == 43 || b[2] == 43 && b[3] == 0;
		final ByteBuffer buf = ByteBuffer.wrap(b).order(b[0] == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
		final int tag = buf.getShort(entry) & 0xFFFF;
		if (count) {
			if (big) buf.putLong(entry + 4, v);
			else buf.putInt(entry + 4, (int) v);
			return "tag " + tag + " counts " + v;
		}
		if (big) buf.putShort(entry + 2, (short) 16).putLong(entry + 4, 1).putLong(entry + 12, v);
		else buf.putShort(entry + 2, (short) 4).putInt(entry + 4, 1).putInt(entry + 8, (int) v);
		return "tag " + tag + " holds " + v;
	}

	/** Positions of the entries of the first directory. */
	private static List<Integer> entries(final byte[] b) {
		final ByteBuffer buf = ByteBuffer.wrap(b).order(b[0] == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
		final boolean big = buf.getShort(2) == 43;
		final int ifd = (int) (big ? buf.getLong(8) : buf.getInt(4) & 0xFFFFFFFFL);
		final int n = big ? (int) buf.getLong(ifd) : buf.getShort(ifd) & 0xFFFF;
		final List<Integer> at = new ArrayList<>();
		for (int i = 0; i < n; i++)
			at.add(ifd + (big ? 8 + 20 * i : 2 + 12 * i));
		return at;
	}

	private static void readAll(final Path file) {
		try (TiffImage tiff = TiffImage.open(file, 1 << 20)) {
			final Cursor<? extends RealType<?>> c = Views.flatIterable(tiff.<net.imglib2.type.numeric.real.FloatType> image())
				.cursor();
			while (c.hasNext())
				c.next().getRealDouble();
		}
	}
}
