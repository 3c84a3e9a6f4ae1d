package org.restorej.tiff.read;

import java.nio.file.Path;

import org.restorej.tiff.InvalidTiffException;
import org.restorej.tiff.SampleType;
import org.restorej.tiff.StoredSampleType;
import org.restorej.tiff.TiffTag;

/**
 * How one full-resolution page stores its pixels: size, samples, and the blocks (tiles or strips) with
 * their offsets and byte counts. Blocks are numbered as in the file: row by row, and for separate sample
 * planes (PlanarConfiguration 2) all blocks of sample 0 first.
 *
 * @param page the page's number among the full-resolution pages (for messages)
 * @param blockHeight tile height, or rows per strip (at most the image height)
 */
record PageLayout(int page, long width, long height, int samples, StoredSampleType stored, boolean separatePlanes,
	int compression, int predictor, boolean tiled, int blockWidth, int blockHeight, long[] offsets, long[] byteCounts)
{
	static final String CONVERT = "Convert it with e.g. `tiffcp -c zip in.tif out.tif` or " +
		"`gdal_translate -co TILED=YES -co COMPRESS=DEFLATE in.tif out.tif`, or save it as TIFF from Fiji.";

	/** The type the reader delivers (32-bit float for stored kinds RestoreJ does not compute with). */
	SampleType sampleType() {
		return stored.sampleType();
	}

	/** Blocks across the image. */
	long blocksAcross() {
		return (width + blockWidth - 1) / blockWidth;
	}

	long blocksDown() {
		return (height + blockHeight - 1) / blockHeight;
	}

	long blocksPerPlane() {
		return blocksAcross() * blocksDown();
	}

	/** Samples stored together in one block: all of them when interleaved, one for separate planes. */
	int samplesPerBlock() {
		return separatePlanes ? 1 : samples;
	}

	/** Bytes of one decoded row of a block. */
	long blockRowBytes() {
		return (long) blockWidth * samplesPerBlock() * stored.bytes();
	}

	/** Rows a block of this block row holds once decoded: a whole tile, or the rows left for the last strip. */
	int rowsIn(final long blockRow) {
		return tiled ? blockHeight : (int) Math.min(blockHeight, height - blockRow * blockHeight);
	}

	/** Bytes block {@code index} (numbered as in the file) decodes to. */
	long blockBytes(final int index) {
		final long rowBytes = blockRowBytes(), rows = rowsIn(index % blocksPerPlane() / blocksAcross());
		return rowBytes > Long.MAX_VALUE / rows ? Long.MAX_VALUE : rowBytes * rows;
	}

	int blockIndex(final int sample, final long blockColumn, final long blockRow) {
		final long plane = separatePlanes ? sample : 0;
		return (int) (plane * blocksPerPlane() + blockRow * blocksAcross() + blockColumn);
	}

	/** Bytes of the page's pixel data when uncompressed. */
	long planeBytes() {
		return width * height * samples * stored.bytes();
	}

	/** The same layout with every block moved by {@code delta} bytes: a further plane of contiguous data. */
	PageLayout shifted(final int newPage, final long delta) {
		final long[] moved = offsets.clone();
		for (int i = 0; i < moved.length; i++)
			moved[i] += delta;
		return new PageLayout(newPage, width, height, samples, stored, separatePlanes, compression, predictor,
			tiled, blockWidth, blockHeight, moved, byteCounts);
	}

	/** The page's layout, checked against the file; {@code page} numbers it in messages. */
	static PageLayout of(final FileBytes in, final ImageFileDirectory ifd, final int page) {
		final Path file = in.file();
		final String where = "page " + page + " (directory " + ifd.index() + ")";
		final long width = required(file, ifd, TiffTag.IMAGE_WIDTH, where);
		final long height = required(file, ifd, TiffTag.IMAGE_LENGTH, where);
		if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE)
			throw new InvalidTiffException(file, where + " is " + width + " x " + height + " pixels",
				"The file is corrupt: export it again.");
		final int samples = (int) ifd.value(TiffTag.SAMPLES_PER_PIXEL, 1);
		if (samples < 1 || samples > 4096) throw new InvalidTiffException(file, where + " has " + samples +
			" samples per pixel", "The file is corrupt: export it again.");
		final StoredSampleType type = sampleType(file, ifd, samples, where);
		final int compression = (int) ifd.value(TiffTag.COMPRESSION, 1);
		if (BlockDecoder.of(compression) == null) throw new InvalidTiffException(file, where + " uses compression " +
			compressionName(compression) + ", which RestoreJ does not read (it reads none, LZW, Deflate and PackBits)",
			CONVERT);
		final int predictor = (int) ifd.value(TiffTag.PREDICTOR, 1);
		if (predictor < 1 || predictor > 3) throw new InvalidTiffException(file, where + " uses predictor " + predictor +
			", which RestoreJ does not read", CONVERT);
		final boolean separate = ifd.value(TiffTag.PLANAR_CONFIGURATION, 1) == 2 && samples > 1;
		final boolean tiled = ifd.has(TiffTag.TILE_WIDTH) || ifd.has(TiffTag.TILE_OFFSETS);
		final int blockWidth, blockHeight;
		final long[] offsets, counts;
		if (tiled) {
			final long tw = required(file, ifd, TiffTag.TILE_WIDTH, where);
			final long th = required(file, ifd, TiffTag.TILE_LENGTH, where);
			if (tw <= 0 || th <= 0 || (double) tw * th * samples > Integer.MAX_VALUE / 4) throw new InvalidTiffException(
				file, where + " has tiles of " + tw + " x " + th + " pixels", CONVERT);
			blockWidth = (int) tw;
			blockHeight = (int) th;
			offsets = requiredArray(file, ifd, TiffTag.TILE_OFFSETS, where);
			counts = requiredArray(file, ifd, TiffTag.TILE_BYTE_COUNTS, where);
		}
		else {
			blockWidth = (int) width;
			final long rows = ifd.value(TiffTag.ROWS_PER_STRIP, height);
			blockHeight = (int) Math.max(1, Math.min(rows <= 0 ? height : rows, height));
			offsets = requiredArray(file, ifd, TiffTag.STRIP_OFFSETS, where);
			counts = requiredArray(file, ifd, TiffTag.STRIP_BYTE_COUNTS, where);
		}
		final PageLayout layout = new PageLayout(page, width, height, samples, type, separate, compression, predictor,
			tiled, blockWidth, blockHeight, offsets, counts);
		final long expected = layout.blocksPerPlane() * (separate ? samples : 1);
		final String kind = tiled ? "tile" : "strip";
		if (offsets.length < expected || counts.length < expected) throw new InvalidTiffException(file, where + " lists " +
			Math.min(offsets.length, counts.length) + " " + kind + "s where its size needs " + expected,
			"The file is corrupt or truncated: export it again.");
		final long expansion = BlockDecoder.maxExpansion(compression);
		for (int i = 0; i < expected; i++) {
			if (!in.contains(offsets[i], counts[i])) throw new InvalidTiffException(file, where + ", " + kind + " " + i +
				" (" + counts[i] + " bytes at offset " + Long.toUnsignedString(offsets[i]) + ") lies beyond the end of " +
				"the file (" + in.size() + " bytes)", "The file is truncated: copy or export it again.");
			// the decoded block is allocated whole: it must be one its stored bytes can hold (the margin: a
			// compressed stream's own header and end)
			final long decoded = layout.blockBytes(i);
			if (decoded > Integer.MAX_VALUE - 16 || decoded > counts[i] * expansion + 1024 && compression != 1 ||
				compression == 1 && decoded > counts[i]) throw new InvalidTiffException(file, where + ", " + kind + " " + i +
					" is declared as " + layout.blockWidth + " x " + layout.rowsIn(i % layout.blocksPerPlane() / layout
						.blocksAcross()) + " pixels (" + decoded + " bytes) but stores " + counts[i] + " bytes, which " +
					(compression == 1 ? "is fewer" : "cannot decode to that many"), "The file is corrupt: export it again.");
		}
		return layout;
	}

	private static StoredSampleType sampleType(final Path file, final ImageFileDirectory ifd, final int samples,
		final String where)
	{
		final long[] bits = ifd.values(TiffTag.BITS_PER_SAMPLE);
		final long[] formats = ifd.values(TiffTag.SAMPLE_FORMAT);
		final long b = bits == null || bits.length == 0 ? 1 : bits[0];
		final long f = formats == null || formats.length == 0 ? 1 : formats[0];
		for (int s = 1; s < samples; s++)
			if (bits != null && s < bits.length && bits[s] != b || formats != null && s < formats.length && formats[s] != f)
				throw new InvalidTiffException(file, where + " mixes sample types across its " + samples + " samples",
					"Save each channel with the same type.");
		final StoredSampleType type = StoredSampleType.of((int) b, (int) f);
		if (type == null) throw new InvalidTiffException(file, where + " holds " + describe(b, f) +
			" samples; RestoreJ reads 8-, 16- and 32-bit integers (signed or not), 32- and 64-bit float",
			"Convert the image to one of these types (e.g. in Fiji: Image > Type, or gdal_translate -ot Float32).");
		return type;
	}

	private static String describe(final long bits, final long format) {
		final String kind = switch ((int) format) {
			case 1 -> "unsigned";
			case 2 -> "signed";
			case 3 -> "floating-point";
			default -> "format-" + format;
		};
		return bits + "-bit " + kind;
	}

	static String compressionName(final int c) {
		return switch (c) {
			case 2 -> "2 (CCITT RLE)";
			case 3 -> "3 (CCITT fax 3)";
			case 4 -> "4 (CCITT fax 4)";
			case 6, 7 -> c + " (JPEG)";
			case 34712 -> "34712 (JPEG 2000)";
			case 50000 -> "50000 (Zstandard)";
			case 34887 -> "34887 (LERC)";
			case 34925 -> "34925 (LZMA)";
			case 50001 -> "50001 (WebP)";
			default -> String.valueOf(c);
		};
	}

	private static long required(final Path file, final ImageFileDirectory ifd, final int tag, final String where) {
		final long[] v = ifd.values(tag);
		if (v == null || v.length == 0) throw new InvalidTiffException(file, where + " lacks the required tag " +
			TiffTag.name(tag), "The file is incomplete or not a standard TIFF: export it again.");
		return v[0];
	}

	private static long[] requiredArray(final Path file, final ImageFileDirectory ifd, final int tag,
		final String where)
	{
		final long[] v = ifd.values(tag);
		if (v == null) throw new InvalidTiffException(file, where + " lacks the required tag " + TiffTag.name(tag),
			"The file is incomplete or not a standard TIFF: export it again.");
		return v;
	}
}
