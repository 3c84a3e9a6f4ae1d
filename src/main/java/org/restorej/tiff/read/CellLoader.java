package org.restorej.tiff.read;

import java.nio.ByteBuffer;

import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.cell.Cell;
import net.imglib2.img.cell.CellGrid;
import net.imglib2.img.cell.LazyCellImg;

import org.restorej.tiff.SampleType;

/**
 * Makes the cells of the 5D image (X, Y, C, Z, T) from the file: one cell per tile, or per group of
 * whole strips, of one channel of one plane. Interleaved samples are split into one cell per channel;
 * all of them go to the cache, since a decoded block yields them together.
 */
final class CellLoader implements LazyCellImg.Get<Cell<ArrayDataAccess<?>>> {

	private final StackLayout stack;
	private final CellGrid grid;
	private final BlockReader blocks;
	private final CellCache<Cell<ArrayDataAccess<?>>> cache;
	private final SampleType type;

	CellLoader(final StackLayout stack, final CellGrid grid, final BlockReader blocks,
		final CellCache<Cell<ArrayDataAccess<?>>> cache)
	{
		this.stack = stack;
		this.grid = grid;
		this.blocks = blocks;
		this.cache = cache;
		this.type = stack.pages().get(0).sampleType();
	}

	@Override
	public Cell<ArrayDataAccess<?>> get(final long index) {
		final Cell<ArrayDataAccess<?>> cached = cache.get(index);
		if (cached != null) return cached;
		final long[] position = new long[5];
		grid.getCellGridPositionFlat(index, position);
		final long[] min = new long[5];
		final int[] size = new int[5];
		grid.getCellDimensions(position, min, size);
		final int c = (int) position[2], z = (int) position[3], t = (int) position[4];
		final PageLayout page = stack.page(c, z, t);
		// channels this block holds: all samples when interleaved, else just the one asked for
		final int perBlock = page.samplesPerBlock();
		final int w = size[0], h = size[1];
		final Object[] arrays = new Object[perBlock];
		for (int s = 0; s < perBlock; s++)
			arrays[s] = newArray(w * h);
		final int sample = stack.sample(c);
		if (page.tiled()) {
			final DecodedBlock b = blocks.read(page, sample, position[0], position[1], 0, page.blockHeight());
			for (int s = 0; s < perBlock; s++)
				copy(b, s, perBlock, 0, w, h, arrays[s], 0);
		}
		else {
			final int rps = page.blockHeight();
			final long y0 = min[1], y1 = min[1] + h;
			for (long strip = y0 / rps; strip * rps < y1; strip++) {
				final long from = Math.max(y0, strip * rps), to = Math.min(y1, (strip + 1) * rps);
				final DecodedBlock b = blocks.read(page, sample, 0, strip, (int) (from - strip * rps), (int) (to - from));
				for (int s = 0; s < perBlock; s++)
					copy(b, s, perBlock, (int) (from - strip * rps), w, (int) (to - from), arrays[s], (int) (from - y0));
			}
		}
		Cell<ArrayDataAccess<?>> asked = null;
		for (int s = 0; s < perBlock; s++) {
			final long[] at = position.clone();
			if (perBlock > 1) at[2] = s;
			final long key = grid.getCellGridIndexFlat(at);
			final long[] cellMin = min.clone();
			cellMin[2] = at[2];
			final Cell<ArrayDataAccess<?>> cell = new Cell<>(size.clone(), cellMin, wrap(arrays[s]));
			cache.put(key, cell, (long) w * h * type.bytes());
			if (key == index) asked = cell;
		}
		return asked;
	}

	private Object newArray(final int n) {
		return switch (type) {
			case UINT8 -> new byte[n];
			case UINT16 -> new short[n];
			case FLOAT32 -> new float[n];
		};
	}

	private ArrayDataAccess<?> wrap(final Object array) {
		return switch (type) {
			case UINT8 -> new ByteArray((byte[]) array);
			case UINT16 -> new ShortArray((short[]) array);
			case FLOAT32 -> new FloatArray((float[]) array);
		};
	}

	/**
	 * Copies {@code h} rows from block row {@code blockRow}, the first {@code w} pixels, of sample
	 * {@code s} of {@code stride} interleaved ones, into rows {@code cellRow}... of a cell {@code w} wide.
	 */
	private void copy(final DecodedBlock b, final int s, final int stride, final int blockRow, final int w, final int h,
		final Object dest, final int cellRow)
	{
		final ByteBuffer in = ByteBuffer.wrap(b.data()).order(b.order());
		final int bytes = type.bytes();
		final int step = stride * bytes;
		for (int r = 0; r < h; r++) {
			int at = ((blockRow - b.firstRow() + r) * b.rowValues() + s) * bytes;
			final int to = (cellRow + r) * w;
			switch (type) {
				case UINT8 -> {
					final byte[] d = (byte[]) dest;
					if (stride == 1) System.arraycopy(b.data(), at, d, to, w);
					else for (int x = 0; x < w; x++, at += step)
						d[to + x] = b.data()[at];
				}
				case UINT16 -> {
					final short[] d = (short[]) dest;
					for (int x = 0; x < w; x++, at += step)
						d[to + x] = in.getShort(at);
				}
				case FLOAT32 -> {
					final float[] d = (float[]) dest;
					for (int x = 0; x < w; x++, at += step)
						d[to + x] = in.getFloat(at);
				}
			}
		}
	}
}
