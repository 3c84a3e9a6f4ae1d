package org.restorej.engine.tiling;

/**
 * How to tile a plane.
 *
 * @param tileSize side of the tiles the network reads (a multiple of {@code multiple})
 * @param context pixels each tile reads beyond those it contributes to (except at the canvas edges);
 *          a network whose receptive field reaches at most this far gives tiled results equal to
 *          untiled ones
 * @param blend least overlap, in pixels, of neighbouring tiles' contributions, across which their
 *          weights ramp
 * @param multiple the network's size rule: tile sides are multiples of it, and tiles start on
 *          multiples of it from the canvas origin
 * @param blending how overlapping contributions are combined
 */
public record TileSpec(int tileSize, int context, int blend, int multiple, Blending blending) {

	public TileSpec {
		if (multiple < 1) throw new IllegalArgumentException("multiple must be >= 1: " + multiple);
		if (tileSize < multiple || tileSize % multiple != 0) throw new IllegalArgumentException("tile size " +
			tileSize + " is not a positive multiple of " + multiple);
		if (context < 0 || blend < 0) throw new IllegalArgumentException("context and blend must be >= 0");
	}

	/**
	 * From the halo, the least overlap of neighbouring tiles' inputs (what the official tiling
	 * scripts call the tile overlap), of which {@code blend} pixels in the middle are blended and the
	 * rest, split evenly, is context.
	 */
	public static TileSpec ofHalo(final int tileSize, final int halo, final int blend, final int multiple,
		final Blending blending)
	{
		if (blend > halo) throw new IllegalArgumentException("the blend " + blend + " is part of the halo " + halo);
		final int context = (halo - blend) / 2;
		return new TileSpec(tileSize, context, halo - 2 * context, multiple, blending);
	}

	/** The least overlap of neighbouring tiles' inputs. */
	public int halo() {
		return 2 * context + blend;
	}

	/**
	 * The smallest tile that can advance with this halo: a multiple of the network's size rule at least
	 * {@code multiple} longer than the halo (halo 32, multiple 8: 40).
	 */
	public static int minimumTile(final int halo, final int multiple) {
		return (halo + multiple - 1) / multiple * multiple + multiple;
	}

	/** Whether tiles of this size can advance across a plane larger than one tile. */
	public boolean canStep() {
		return tileSize - (long) halo() >= multiple;
	}

	public TileSpec withTileSize(final int size) {
		return new TileSpec(size, context, blend, multiple, blending);
	}

	public TileSpec withBlending(final Blending b) {
		return new TileSpec(tileSize, context, blend, multiple, b);
	}
}
