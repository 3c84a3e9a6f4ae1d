package org.restorej.tiff.read;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.restorej.tiff.InvalidTiffException;

/** The first bytes of a TIFF or BigTIFF file: byte order, flavour and where the first directory is. */
record TiffHeader(ByteOrder order, boolean bigTiff, long firstIfdOffset) {

	private static final String NOT_TIFF_REMEDY = "Give a .tif/.tiff file (TIFF or BigTIFF), or convert the image " +
		"to TIFF first (e.g. with Fiji or gdal_translate).";

	/** Bytes of an offset in the directories: 8 in BigTIFF, 4 in classic TIFF. */
	int offsetSize() {
		return bigTiff ? 8 : 4;
	}

	static TiffHeader read(final FileBytes in) {
		if (in.size() == 0) throw new InvalidTiffException(in.file(), "the file is empty (0 bytes)",
			"It was not written completely or is a placeholder: copy or export the image again.");
		if (in.size() < 8) throw new InvalidTiffException(in.file(), "the file has " + in.size() +
			" bytes, fewer than a TIFF header", NOT_TIFF_REMEDY);
		final byte[] start = in.read(0, 8, "the TIFF header");
		final ByteOrder order;
		if (start[0] == 'I' && start[1] == 'I') order = ByteOrder.LITTLE_ENDIAN;
		else if (start[0] == 'M' && start[1] == 'M') order = ByteOrder.BIG_ENDIAN;
		else throw new InvalidTiffException(in.file(), "it does not start with a TIFF byte-order mark (II or MM)",
			NOT_TIFF_REMEDY);
		final ByteBuffer b = ByteBuffer.wrap(start).order(order);
		final int version = b.getShort(2) & 0xFFFF;
		if (version == 42) return new TiffHeader(order, false, b.getInt(4) & 0xFFFFFFFFL);
		if (version != 43) throw new InvalidTiffException(in.file(), "TIFF version " + version +
			" is neither 42 (TIFF) nor 43 (BigTIFF)", NOT_TIFF_REMEDY);
		if (in.size() < 16) throw new InvalidTiffException(in.file(), "the BigTIFF header is truncated",
			"The file is incomplete: copy or export it again.");
		final ByteBuffer big = in.buffer(0, 16, order, "the BigTIFF header");
		if (big.getShort(4) != 8 || big.getShort(6) != 0) throw new InvalidTiffException(in.file(),
			"the BigTIFF header declares offsets of " + big.getShort(4) + " bytes, not 8", NOT_TIFF_REMEDY);
		return new TiffHeader(order, true, big.getLong(8));
	}
}
