package org.restorej.engine;

import org.restorej.RestoreJException;

/** The requested tile size leaves no room for the halo and overlap. */
public class TileSizeException extends RestoreJException {

	public TileSizeException(final String image, final int tileSize, final int halo, final int overlap,
		final int step)
	{
		super("Tiles of " + tileSize + " pixels cannot restore " + image + " with a halo of " + halo +
			" and an overlap of " + overlap + ": a tile must exceed twice the halo plus the overlap by at least " +
			step + " pixels. Choose tiles of at least " + (2L * halo + overlap + step) +
			" pixels or a smaller halo.");
	}
}
