package org.restorej.engine;

import org.restorej.RestoreJException;

/**
 * The caller cancelled a restoration. The input is untouched; whatever the output holds is incomplete
 * and must be discarded.
 */
public class CancelledException extends RestoreJException {

	private final long tilesDone;
	private final long tilesTotal;

	public CancelledException(final String image, final long tilesDone, final long tilesTotal) {
		super("Restoring " + image + " was cancelled after " + tilesDone + " of " + tilesTotal +
			" tiles. The input is unchanged; the output is incomplete: discard it and run again to restore.");
		this.tilesDone = tilesDone;
		this.tilesTotal = tilesTotal;
	}

	public long tilesDone() {
		return tilesDone;
	}

	public long tilesTotal() {
		return tilesTotal;
	}
}
