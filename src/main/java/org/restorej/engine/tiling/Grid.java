package org.restorej.engine.tiling;

/**
 * Positions where tiles may start: {@code origin + k * step}. Networks that downsample (Restormer by
 * 8, AST by its window grid) see the same pixel phases, and AST the same window partition, in a tile
 * as in an untiled pass whose image starts at {@code origin}.
 */
public record Grid(int step, long origin) {

	public static final Grid ANY = new Grid(1, 0);

	public Grid {
		if (step < 1) throw new IllegalArgumentException("grid step must be >= 1: " + step);
	}

	/** The grid position at or before {@code p}. */
	public long floor(final long p) {
		return origin + Math.floorDiv(p - origin, step) * (long) step;
	}

	/** The grid position at or after {@code p}. */
	public long ceil(final long p) {
		return origin - Math.floorDiv(origin - p, step) * (long) step;
	}
}
