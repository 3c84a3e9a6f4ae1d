package org.restorej.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a level of {@code width x height} pixels into blocks of whole {@code chunkWidth x chunkHeight}
 * chunks, about {@code side} pixels square: no chunk is shared by two blocks, so tasks never write the
 * same file, and a retried or speculative task rewrites exactly what the first attempt wrote.
 */
public final class BlockGrid {

	private BlockGrid() {}

	public static List<OutputBlock> of(final int level, final long width, final long height, final long chunkWidth,
		final long chunkHeight, final long side)
	{
		if (width <= 0 || height <= 0 || chunkWidth <= 0 || chunkHeight <= 0 || side <= 0)
			throw new IllegalArgumentException("sizes must be positive: " + width + "x" + height + ", chunks " +
				chunkWidth + "x" + chunkHeight + ", block " + side);
		final long bw = Math.max(1, side / chunkWidth) * chunkWidth, bh = Math.max(1, side / chunkHeight) * chunkHeight;
		final List<OutputBlock> blocks = new ArrayList<>();
		for (long y = 0; y < height; y += bh)
			for (long x = 0; x < width; x += bw)
				blocks.add(new OutputBlock(level, blocks.size(), x, y, Math.min(bw, width - x), Math.min(bh, height - y)));
		return blocks;
	}
}
