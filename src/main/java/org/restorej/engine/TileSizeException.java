package org.restorej.engine;

import org.restorej.RestoreJException;
import org.restorej.engine.tiling.TileSpec;

/** The requested tile size leaves no room beyond the halo for tiles to advance. */
public class TileSizeException extends RestoreJException {

	public TileSizeException(final String image, final int tileSize, final int halo, final int step) {
		super("Tiles of " + tileSize + " pixels cannot restore " + image + " with a halo of " + halo +
			": a tile must be at least " + step + " pixels longer than the halo it shares with its neighbour. " +
			"Choose tiles of at least " + TileSpec.minimumTile(halo, step) + " pixels (larger tiles are faster), or a smaller halo.");
	}
}
