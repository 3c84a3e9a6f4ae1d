package org.restorej.engine.tiling;

import java.util.ArrayList;
import java.util.List;

/**
 * Tiles covering a span of one axis. The tiles lie within a canvas: the image padded to the network's
 * size rule the way an untiled pass pads it. Tiles start on multiples of {@code step} from the canvas
 * start, so that downsampling (and window) grids fall where they fall untiled; a tile contributes only
 * to pixels at least {@code context} inside its input, except at a canvas edge, which it shares with
 * the untiled pass; and neighbouring tiles' contributions overlap by at least {@code blend} pixels,
 * where their weights ramp from one to the other. Neighbouring inputs thus overlap by at least
 * {@code 2 * context + blend}: the halo.
 *
 * @param covered the pixels the tiles produce together
 * @param inputSize length every tile reads
 */
public record AxisTiling(Span covered, int inputSize, List<AxisTile> tiles) {

	/**
	 * Lays out the fewest tiles that cover {@code target}, spread evenly. A canvas no longer than a
	 * tile is one tile: exactly the untiled pass.
	 *
	 * @param canvas where tiles may read: a multiple of {@code step} long, containing {@code target}
	 * @param tileSize a multiple of {@code step}
	 * @throws IllegalArgumentException if the tile is not longer than its halo by at least {@code step},
	 *           so that tiles cannot advance
	 */
	public static AxisTiling cover(final Span target, final Span canvas, final int tileSize, final int context,
		final int blend, final int step, final Blending blending)
	{
		if (target.length() == 0 || target.start() < canvas.start() || target.end() > canvas.end())
			throw new IllegalArgumentException("target " + target + " is empty or not inside the canvas " + canvas);
		if (canvas.length() % step != 0 || tileSize % step != 0) throw new IllegalArgumentException("canvas " +
			canvas + " and tile " + tileSize + " must be multiples of " + step);
		final List<Long> starts = new ArrayList<>();
		final int size = (int) Math.min(tileSize, canvas.length());
		final long first = Math.min(canvas.end() - size, Math.max(canvas.start(), floor(target.start() - context, canvas
			.start(), step)));
		if (contribution(first, size, context, canvas, target).end() >= target.end()) starts.add(first);
		else {
			final long maxStep = (tileSize - 2L * context - blend) / step * step;
			if (maxStep <= 0) throw new IllegalArgumentException("a tile of " + tileSize + " with context " + context +
				" and blend " + blend + " cannot advance in steps of " + step);
			final long last = Math.min(canvas.end() - size, ceil(target.end() + context - size, canvas.start(), step));
			final long units = (last - first) / step;
			final long gaps = Math.max(1, ceilDiv(last - first, maxStep));
			for (long i = 0; i <= gaps; i++)
				starts.add(first + step * Math.round((double) i * units / gaps));
		}
		final List<Span> weighted = new ArrayList<>();
		for (final long a : starts)
			weighted.add(contribution(a, size, context, canvas, target));
		final List<AxisTile> tiles = new ArrayList<>();
		for (int i = 0; i < starts.size(); i++)
			tiles.add(new AxisTile(new Span(starts.get(i), starts.get(i) + size), weighted.get(i),
				weights(weighted, i, blend, blending)));
		return new AxisTiling(target, size, List.copyOf(tiles));
	}

	/** The pixels of {@code target} a tile at {@code a} is trusted for: {@code context} inside, or up to a canvas edge. */
	private static Span contribution(final long a, final int size, final int context, final Span canvas,
		final Span target)
	{
		final long start = a == canvas.start() ? target.start() : Math.max(target.start(), a + context);
		final long end = a + size == canvas.end() ? target.end() : Math.min(target.end(), a + size - context);
		return new Span(start, Math.max(start, end));
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
	 * Ramp weights of tile {@code i}: rising across the middle {@code blend} pixels of the overlap with
	 * the previous tile, falling across the middle of the overlap with the next, divided by the sum over
	 * all tiles so that they add up to one. Where tiles overlap by more than the blend (tiles spread
	 * evenly), the ramp stays in the middle: each pixel then comes from the tile that sees most around
	 * it, which matters for networks whose outputs degrade towards a tile's edge.
	 */
	private static double[] weights(final List<Span> weighted, final int i, final int blend,
		final Blending blending)
	{
		final Span s = weighted.get(i);
		final double[] w = new double[(int) s.length()];
		for (int k = 0; k < w.length; k++) {
			final long p = s.start() + k;
			// starts and ends both increase with the index: the tiles covering p are contiguous around i
			double total = 0;
			for (int j = i; j >= 0 && weighted.get(j).end() > p; j--)
				total += raw(weighted, j, p, blend, blending);
			for (int j = i + 1; j < weighted.size() && weighted.get(j).start() <= p; j++)
				total += raw(weighted, j, p, blend, blending);
			w[k] = raw(weighted, i, p, blend, blending) / total;
		}
		return w;
	}

	private static double raw(final List<Span> weighted, final int j, final long p, final int blend,
		final Blending blending)
	{
		final Span s = weighted.get(j);
		double r = 1;
		if (j > 0) r *= rise(p, s.start(), weighted.get(j - 1).end(), blend, blending);
		if (j + 1 < weighted.size()) r *= 1 - rise(p, weighted.get(j + 1).start(), s.end(), blend, blending);
		return r;
	}

	/**
	 * The weight, rising from 0 to 1, of the later of two tiles overlapping on {@code [start, end)}:
	 * across the middle {@code blend} pixels of the overlap (at least 1: a cut in the middle).
	 */
	private static double rise(final long p, final long start, final long end, final int blend,
		final Blending blending)
	{
		if (p < start) return 0;
		if (p >= end) return 1;
		final long width = Math.max(1, Math.min(blend, end - start));
		final long rampStart = start + (end - start - width) / 2;
		if (p < rampStart) return 0;
		if (p >= rampStart + width) return 1;
		return blending.rise(p - rampStart, width);
	}

	private static long floor(final long p, final long origin, final int step) {
		return origin + Math.floorDiv(p - origin, step) * (long) step;
	}

	private static long ceil(final long p, final long origin, final int step) {
		return origin - Math.floorDiv(origin - p, step) * (long) step;
	}

	private static long ceilDiv(final long a, final long b) {
		return -Math.floorDiv(-a, b);
	}
}
