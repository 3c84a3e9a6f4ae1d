package org.restorej.engine.tiling;

/**
 * How to tile a plane.
 *
 * @param tileSize side of the tiles the network reads (a multiple of {@code multiple})
 * @param halo context each tile reads beyond the pixels it contributes to (except at the canvas
 *          edges); a network whose receptive field reaches at most this far gives tiled results
 *          equal to untiled ones
 * @param overlap least overlap, in pixels, of neighbouring tiles' contributions, blended
 * @param multiple the network's size rule: tile sides are multiples of it, and tiles start on
 *          multiples of it from the canvas origin
 * @param blending how overlapping contributions are combined
 */
public record TileSpec(int tileSize, int halo, int overlap, int multiple, Blending blending) {

	public TileSpec {
		if (multiple < 1) throw new IllegalArgumentException("multiple must be >= 1: " + multiple);
		if (tileSize < multiple || tileSize % multiple != 0) throw new IllegalArgumentException("tile size " +
			tileSize + " is not a positive multiple of " + multiple);
		if (halo < 0 || overlap < 0) throw new IllegalArgumentException("halo and overlap must be >= 0");
	}

	/** Whether tiles of this size can advance across a plane larger than one tile. */
	public boolean canStep() {
		return tileSize - 2L * halo - overlap >= multiple;
	}

	public TileSpec withTileSize(final int size) {
		return new TileSpec(size, halo, overlap, multiple, blending);
	}

	public TileSpec withBlending(final Blending b) {
		return new TileSpec(tileSize, halo, overlap, multiple, b);
	}
}
