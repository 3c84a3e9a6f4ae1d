package org.restorej.tiff.read;

import java.nio.ByteOrder;

import org.restorej.tiff.InvalidTiffException;

/** Reads one tile or strip (or, uncompressed, just some of its rows) and decodes it. Thread-safe. */
final class BlockReader {

	private final FileBytes in;
	private final ByteOrder order;

	BlockReader(final FileBytes in, final ByteOrder order) {
		this.in = in;
		this.order = order;
	}

	/**
	 * Rows {@code firstRow} to {@code firstRow + rows} of the block at ({@code column}, {@code row}) of
	 * {@code sample}'s plane; compressed blocks are decoded whole.
	 */
	DecodedBlock read(final PageLayout page, final int sample, final long column, final long row, final int firstRow,
		final int rows)
	{
		final int index = page.blockIndex(sample, column, row);
		final int rowValues = page.blockWidth() * page.samplesPerBlock();
		final int bytes = page.stored().bytes();
		final long rowBytes = (long) rowValues * bytes;
		final long offset = page.offsets()[index], count = page.byteCounts()[index];
		final String what = (page.tiled() ? "tile " : "strip ") + index + " of page " + page.page();
		final byte[] data;
		final int start, decodedRows;
		if (page.compression() == 1) {
			// uncompressed rows are read directly, so a strip much larger than a cell is not read whole
			start = firstRow;
			decodedRows = rows;
			final long need = (firstRow + (long) rows) * rowBytes;
			if (need > count) throw corrupt(what, "it holds " + count + " bytes where its rows need " + need);
			data = in.read(offset + firstRow * rowBytes, (int) (rows * rowBytes), what);
		}
		else {
			start = 0;
			decodedRows = page.rowsIn(row);
			if (count > Integer.MAX_VALUE) throw corrupt(what, "it claims " + count + " compressed bytes");
			final byte[] packed = in.read(offset, (int) count, what);
			data = new byte[(int) (decodedRows * rowBytes)];
			final int n;
			try {
				n = BlockDecoder.of(page.compression()).decode(packed, data);
			}
			catch (final BlockDecoder.CorruptBlockException e) {
				throw corrupt(what, e.getMessage());
			}
			catch (final RuntimeException e) {
				// a decoder walking off its input on malformed data: the data are corrupt
				throw corrupt(what, "its compressed data are malformed (" + e + ")");
			}
			if (n < data.length) throw corrupt(what, "it decodes to " + n + " bytes instead of " + data.length);
		}
		final ByteOrder decodedOrder = Predictors.undo(page.predictor(), data, decodedRows, rowValues, page
			.samplesPerBlock(), bytes, order);
		return new DecodedBlock(data, decodedOrder, rowValues, start, decodedRows);
	}

	private InvalidTiffException corrupt(final String what, final String problem) {
		return new InvalidTiffException(in.file(), what + " is corrupt: " + problem,
			"Copy or export the file again; if it opens elsewhere, re-compress it with `tiffcp -c zip in.tif out.tif`.");
	}
}
