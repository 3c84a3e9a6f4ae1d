package org.restorej.engine.tiling;

/**
 * How overlapping tiles are combined where the regions they are trusted for overlap. The weights of
 * all tiles covering a pixel sum to one, so a network that gives the same value in every tile (one
 * whose receptive field fits in the halo) comes out unchanged whatever the blending.
 */
public enum Blending {

	/** Raised-cosine ramps across the overlap: no visible seams when tiles disagree. */
	SMOOTH,
	/** Linear ramps across the overlap. */
	LINEAR,
	/** Each pixel from one tile only, cut in the middle of the overlap (crop and paste). */
	CROP;

	/**
	 * Weight of a tile at {@code i} pixels into a ramp of {@code width} pixels that rises from 0 to 1;
	 * never exactly 0 inside the ramp, so every covered pixel has a positive total weight.
	 */
	double rise(final long i, final long width) {
		final double u = (i + 0.5) / width;
		return switch (this) {
			case SMOOTH -> 0.5 - 0.5 * Math.cos(Math.PI * u);
			case LINEAR -> u;
			case CROP -> u < 0.5 ? 0 : 1;
		};
	}
}
