package org.restorej.engine;

import org.restorej.RestoreJException;

/** TensorFlow ran out of memory even on the smallest tile the model's size rule and halo allow. */
public class TileMemoryException extends RestoreJException {

	public TileMemoryException(final String image, final String device, final int tileSize, final int halo,
		final Throwable cause)
	{
		super("TensorFlow ran out of memory on " + device + " restoring " + image + ", even with tiles of " +
			tileSize + "x" + tileSize + " (halo " + halo + "), the smallest this model and halo allow. Close " +
			"other programs using " + device + ", run on the CPU (device cpu), or choose a smaller halo.", cause);
	}
}
