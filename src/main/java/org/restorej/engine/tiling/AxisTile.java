package org.restorej.engine.tiling;

/**
 * One tile along one axis.
 *
 * @param input the pixels the network reads (may reach beyond the image: mirrored there)
 * @param weighted the pixels this tile contributes to, at least a halo away from its inner edges
 * @param weights the blending weight of each pixel of {@code weighted}; over all tiles of an axis they
 *          sum to one at every pixel
 */
public record AxisTile(Span input, Span weighted, double[] weights) {

	public double weight(final long position) {
		return weighted.contains(position) ? weights[(int) (position - weighted.start())] : 0;
	}
}
