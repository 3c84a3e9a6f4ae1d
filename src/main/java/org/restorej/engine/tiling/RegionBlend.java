package org.restorej.engine.tiling;

import java.util.ArrayList;
import java.util.List;

/**
 * Blends the tiles of a whole plane's grid that contribute to one rectangle of it, and only those: a
 * region restored so equals, bit for bit, the same pixels of the whole plane restored with
 * {@link BlendAccumulator} (the same tiles, the same weights, added in the same raster order). This is
 * how pieces of one image are restored apart, e.g. by the tasks of a cluster job, with the result of
 * one run.
 */
public final class RegionBlend {

	private final Span xs, ys;
	private final int channels;
	private final List<TileGrid.Tile> tiles = new ArrayList<>();
	private final long bufferX0, bufferY0;
	private final float[][] rows;

	/** @param xs the region's columns, @param ys its rows: inside the grid's covered rectangle */
	public RegionBlend(final TileGrid grid, final Span xs, final Span ys, final int channels) {
		if (xs.length() <= 0 || ys.length() <= 0 || xs.start() < grid.x().covered().start() || xs.end() > grid.x()
			.covered().end() || ys.start() < grid.y().covered().start() || ys.end() > grid.y().covered().end())
			throw new IllegalArgumentException("region " + xs + " x " + ys + " is empty or not inside " + grid.x()
				.covered() + " x " + grid.y().covered());
		this.xs = xs;
		this.ys = ys;
		this.channels = channels;
		long x0 = Long.MAX_VALUE, x1 = Long.MIN_VALUE, y0 = Long.MAX_VALUE, y1 = Long.MIN_VALUE;
		for (int i = 0; i < grid.count(); i++) {
			final TileGrid.Tile t = grid.tile(i);
			if (!overlaps(t.x().weighted(), xs) || !overlaps(t.y().weighted(), ys)) continue;
			tiles.add(t);
			x0 = Math.min(x0, t.x().weighted().start());
			x1 = Math.max(x1, t.x().weighted().end());
			y0 = Math.min(y0, t.y().weighted().start());
			y1 = Math.max(y1, t.y().weighted().end());
		}
		bufferX0 = x0;
		bufferY0 = y0;
		final long rowLength = (x1 - x0) * channels;
		if (rowLength > Integer.MAX_VALUE - 8 || (y1 - y0) * rowLength > 1L << 31) throw new IllegalArgumentException(
			"region " + xs + " x " + ys + " is too large to blend in memory: restore it in smaller pieces");
		rows = new float[(int) (y1 - y0)][(int) rowLength];
	}

	/** The tiles to restore, in the order {@link #add} takes them. */
	public List<TileGrid.Tile> tiles() {
		return List.copyOf(tiles);
	}

	/** Adds one of {@link #tiles()}' outputs; tiles come in that order. */
	public void add(final TileGrid.Tile tile, final Block output) {
		final Span tys = tile.y().weighted();
		final double[] wy = tile.y().weights();
		for (long y = tys.start(); y < tys.end(); y++)
			BlendAccumulator.addRow(tile, wy[(int) (y - tys.start())], output, y, rows[(int) (y - bufferY0)], bufferX0,
				channels);
	}

	/** Hands the region's blended pixels on, row by row, once every tile is added. */
	public void finish(final BlendAccumulator.Sink sink) {
		final int offset = (int) ((xs.start() - bufferX0) * channels);
		for (long y = ys.start(); y < ys.end(); y++)
			sink.write(xs.start(), y, rows[(int) (y - bufferY0)], offset, (int) xs.length());
	}

	private static boolean overlaps(final Span a, final Span b) {
		return a.start() < b.end() && b.start() < a.end();
	}
}
