package org.restorej.spark;

import java.nio.file.Path;
import java.util.List;

import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.restorej.engine.tiling.AxisTile;
import org.restorej.engine.tiling.Canvas;
import org.restorej.engine.tiling.RegionBlend;
import org.restorej.engine.tiling.Span;
import org.restorej.engine.tiling.TileGrid;
import org.restorej.zarr.OmeZarrImage;

/**
 * What a task reads of the input for its block: the pixels the tiles restoring the block see (the
 * block, its halo, and their mirror image at the image's edges), copied into memory once and seen at
 * their place in the whole image (XYCZT).
 */
final class InputRegion {

	/** Chunk cache while copying: a row of the region's chunks is read once. */
	private static final long CACHE_BYTES = 64L << 20;

	private InputRegion() {}

	static <T extends RealType<T> & NativeType<T>> RandomAccessibleInterval<T> read(final Path input,
		final TileGrid grid, final Span xs, final Span ys)
	{
		try (OmeZarrImage in = OmeZarrImage.open(input, CACHE_BYTES)) {
			final RandomAccessibleInterval<T> image = in.image();
			final List<TileGrid.Tile> tiles = new RegionBlend(grid, xs, ys, 1).tiles();
			final long[] x = sources(tiles.stream().map(TileGrid.Tile::x).toList(), image.dimension(0));
			final long[] y = sources(tiles.stream().map(TileGrid.Tile::y).toList(), image.dimension(1));
			final long[] min = new long[5], max = image.maxAsLongArray();
			min[0] = x[0];
			min[1] = y[0];
			max[0] = x[1] - 1;
			max[1] = y[1] - 1;
			final RandomAccessibleInterval<T> source = Views.interval(image, min, max);
			final Img<T> region = new ArrayImgFactory<>(image.getType().createVariable()).create(source);
			LoopBuilder.setImages(Views.zeroMin(source), region).forEachPixel((s, d) -> d.set(s));
			// beyond the region nothing is read: zeros there would show as a difference from one machine's run
			return Views.interval(Views.extendZero(Views.translate(region, min)), new FinalInterval(image));
		}
	}

	/** The block alone (no halo), in every plane, in memory (min 0). */
	static <T extends RealType<T> & NativeType<T>> RandomAccessibleInterval<T> read(final Path input,
		final OutputBlock block)
	{
		try (OmeZarrImage in = OmeZarrImage.open(input, CACHE_BYTES)) {
			final RandomAccessibleInterval<T> image = in.image();
			final long[] min = new long[5], max = image.maxAsLongArray();
			min[0] = block.x();
			min[1] = block.y();
			max[0] = block.x() + block.width() - 1;
			max[1] = block.y() + block.height() - 1;
			final RandomAccessibleInterval<T> source = Views.zeroMin(Views.interval(image, min, max));
			final Img<T> region = new ArrayImgFactory<>(image.getType().createVariable()).create(source);
			LoopBuilder.setImages(source, region).forEachPixel((s, d) -> d.set(s));
			return region;
		}
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
