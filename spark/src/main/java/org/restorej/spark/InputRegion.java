package org.restorej.spark;

import java.util.List;

import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.restorej.engine.tiling.AxisTile;
import org.restorej.engine.tiling.Canvas;
import org.restorej.engine.tiling.RegionBlend;
import org.restorej.engine.tiling.Span;
import org.restorej.engine.tiling.TileGrid;

/**
 * What a task reads of the input for its block: the pixels the tiles restoring the block see (the
 * block, its halo, and their mirror image at the image's edges), in memory, seen at their place in
 * the whole image.
 */
final class InputRegion {

	private InputRegion() {}

	static <T extends RealType<T> & NativeType<T>> RandomAccessibleInterval<T> read(final ZarrIO.Image in,
		final TileGrid grid, final Span xs, final Span ys)
	{
		final List<TileGrid.Tile> tiles = new RegionBlend(grid, xs, ys, 1).tiles();
		final long[] x = sources(tiles.stream().map(TileGrid.Tile::x).toList(), in.width());
		final long[] y = sources(tiles.stream().map(TileGrid.Tile::y).toList(), in.height());
		final long[] shape = in.level0().shape();
		final long[] min = new long[shape.length], size = shape.clone();
		min[0] = x[0];
		min[1] = y[0];
		size[0] = x[1] - x[0];
		size[1] = y[1] - y[0];
		final Img<T> region = ZarrIO.read(in.level0(), min, size);
		// beyond the region nothing is read: zeros there would show as a difference from one machine's run
		final long[] max = new long[shape.length];
		for (int d = 0; d < shape.length; d++)
			max[d] = shape[d] - 1;
		return Views.interval(Views.extendZero(Views.translate(region, min)), new FinalInterval(new long[shape.length],
			max));
	}

	/** The image positions {@code [min, max)} the tiles' inputs show along one axis of {@code size}. */
	private static long[] sources(final List<AxisTile> tiles, final long size) {
		long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
		for (final AxisTile t : tiles)
			for (long p = t.input().start(); p < t.input().end(); p++) {
				final long s = Canvas.Fill.MIRROR.source(p, size);
				lo = Math.min(lo, s);
				hi = Math.max(hi, s + 1);
			}
		return new long[] { lo, hi };
	}
}
