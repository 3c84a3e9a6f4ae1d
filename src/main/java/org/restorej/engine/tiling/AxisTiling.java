package org.restorej.engine.tiling;

import java.util.ArrayList;
import java.util.List;

/**
 * Tiles covering a span of one axis: each reads {@code inputSize} pixels, contributes only to pixels
 * at least {@code halo} inside its input (or at the ends of the covered span, where the context is the
 * image beyond the span or its mirror image), and overlaps its neighbours' contributions by at least
 * {@code minOverlap} pixels, where they are blended.
 *
 * @param covered the pixels the tiles produce together
 * @param inputSize length every tile reads
 */
public record AxisTiling(Span covered, int inputSize, List<AxisTile> tiles) {

	/**
	 * Lays out the fewest tiles that cover {@code target}, spread evenly, starting on {@code grid}.
	 *
	 * @param shrinkTo if positive and one tile covers the span, that tile is shortened to the smallest
	 *          multiple of {@code shrinkTo} that still does (tiles larger than the image cost nothing)
	 * @throws IllegalArgumentException if the tile leaves no room between its halos for stepping on
	 *           the grid
	 */
	public static AxisTiling cover(final Span target, final int tileSize, final int halo, final int minOverlap,
		final Grid grid, final Blending blending, final int shrinkTo)
	{
		if (target.length() == 0) throw new IllegalArgumentException("nothing to cover");
		final long first = grid.floor(target.start() - halo);
		final List<Long> starts = new ArrayList<>();
		int size = tileSize;
		if (first + tileSize - halo >= target.end()) {
			if (shrinkTo > 0) size = (int) Math.min(tileSize, roundUp(target.end() + halo - first, shrinkTo));
			starts.add(first);
		}
		else {
			final long maxStep = (tileSize - 2L * halo - minOverlap) / grid.step() * grid.step();
			if (maxStep <= 0) throw new IllegalArgumentException("a tile of " + tileSize + " with halo " + halo +
				" and overlap " + minOverlap + " cannot step on a grid of " + grid.step());
			final long last = grid.ceil(target.end() + halo - tileSize);
			final long units = (last - first) / grid.step();
			final long gaps = Math.max(1, ceilDiv(last - first, maxStep));
			for (long i = 0; i <= gaps; i++)
				starts.add(first + grid.step() * Math.round((double) i * units / gaps));
		}
		final List<Span> weighted = new ArrayList<>();
		for (final long a : starts)
			weighted.add(new Span(Math.max(target.start(), a + halo), Math.min(target.end(), a + size - halo)));
		final List<AxisTile> tiles = new ArrayList<>();
		for (int i = 0; i < starts.size(); i++)
			tiles.add(new AxisTile(new Span(starts.get(i), starts.get(i) + size), weighted.get(i),
				weights(weighted, i, blending)));
		return new AxisTiling(target, size, List.copyOf(tiles));
	}

	/** The same tiles, all reading {@code size} pixels (for square tiles): only for a single tile. */
	public AxisTiling withInputSize(final int size) {
		if (size == inputSize) return this;
		if (tiles.size() != 1 || size < inputSize) throw new IllegalArgumentException(
			"only a single tile can be lengthened");
		final AxisTile t = tiles.get(0);
		return new AxisTiling(covered, size, List.of(new AxisTile(new Span(t.input().start(), t.input().start() +
			size), t.weighted(), t.weights())));
	}

	/** Where pixels stop receiving contributions from tiles before {@code i+1}: the next tile's start. */
	public long finalBefore(final int i) {
		return i + 1 < tiles.size() ? tiles.get(i + 1).weighted().start() : covered.end();
	}

	/** The longest weighted span of one tile. */
	public int maxWeightedLength() {
		return (int) tiles.stream().mapToLong(t -> t.weighted().length()).max().orElse(0);
	}

	/**
	 * Ramp weights of tile {@code i}: rising over the overlap with the previous tile, falling over the
	 * overlap with the next, divided by the sum over all tiles so that they add up to one.
	 */
	private static double[] weights(final List<Span> weighted, final int i, final Blending blending) {
		final Span s = weighted.get(i);
		final double[] w = new double[(int) s.length()];
		for (int k = 0; k < w.length; k++) {
			final long p = s.start() + k;
			// starts and ends both increase with the index: the tiles covering p are contiguous around i
			double total = 0;
			for (int j = i; j >= 0 && weighted.get(j).end() > p; j--)
				total += raw(weighted, j, p, blending);
			for (int j = i + 1; j < weighted.size() && weighted.get(j).start() <= p; j++)
				total += raw(weighted, j, p, blending);
			w[k] = raw(weighted, i, p, blending) / total;
		}
		return w;
	}

	private static double raw(final List<Span> weighted, final int j, final long p, final Blending blending) {
		final Span s = weighted.get(j);
		double r = 1;
		if (j > 0) {
			final long zoneEnd = weighted.get(j - 1).end();
			if (p < zoneEnd) r *= blending.rise(p - s.start(), zoneEnd - s.start());
		}
		if (j + 1 < weighted.size()) {
			final long zoneStart = weighted.get(j + 1).start();
			if (p >= zoneStart) r *= 1 - blending.rise(p - zoneStart, s.end() - zoneStart);
		}
		return r;
	}

	static long roundUp(final long v, final long multiple) {
		return ceilDiv(v, multiple) * multiple;
	}

	private static long ceilDiv(final long a, final long b) {
		return -Math.floorDiv(-a, b);
	}
}
