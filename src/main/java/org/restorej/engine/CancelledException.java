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

	private CancelledException(final long done, final long total, final String message) {
		super(message);
		this.tilesDone = done;
		this.tilesTotal = total;
	}

	/** A cancel of other work (e.g. training: steps rather than tiles), in its own words. */
	public static CancelledException of(final String message, final long done, final long total) {
		return new CancelledException(done, total, message);
	}

	public long tilesDone() {
		return tilesDone;
	}

	public long tilesTotal() {
		return tilesTotal;
	}
}
