package org.restorej.tiff.read;

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
 * whole strips, of one channel of one plane, read by {@link RegionReader}. Interleaved samples are
 * split into one cell per channel; all of them go to the cache, since a decoded block yields them
 * together.
 */
final class CellLoader implements LazyCellImg.Get<Cell<ArrayDataAccess<?>>> {

	private final StackLayout stack;
	private final CellGrid grid;
	private final RegionReader regions;
	private final CellCache<Cell<ArrayDataAccess<?>>> cache;
	private final SampleType type;

	CellLoader(final StackLayout stack, final CellGrid grid, final BlockReader blocks,
		final CellCache<Cell<ArrayDataAccess<?>>> cache)
	{
		this.stack = stack;
		this.grid = grid;
		this.regions = new RegionReader(stack, blocks);
		this.cache = cache;
		this.type = regions.type();
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
		final Object[] arrays = regions.read(c, z, t, min[0], min[1], size[0], size[1]);
		final int perBlock = arrays.length;
		Cell<ArrayDataAccess<?>> asked = null;
		for (int s = 0; s < perBlock; s++) {
			final long[] at = position.clone();
			if (perBlock > 1) at[2] = s;
			final long key = grid.getCellGridIndexFlat(at);
			final long[] cellMin = min.clone();
			cellMin[2] = at[2];
			final Cell<ArrayDataAccess<?>> cell = new Cell<>(size.clone(), cellMin, wrap(arrays[s]));
			cache.put(key, cell, (long) size[0] * size[1] * type.bytes());
			if (key == index) asked = cell;
		}
		return asked;
	}

	private ArrayDataAccess<?> wrap(final Object array) {
		return switch (type) {
			case UINT8 -> new ByteArray((byte[]) array);
			case UINT16 -> new ShortArray((short[]) array);
			case FLOAT32 -> new FloatArray((float[]) array);
		};
	}
}
