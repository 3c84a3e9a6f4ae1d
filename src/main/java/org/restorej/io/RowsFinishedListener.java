package org.restorej.io;

/**
 * Told when rows of the output are final, so that an output kept on disk (a streaming TIFF writer)
 * can write them out and free their memory. Rows finish top to bottom, tile row by tile row.
 */
@FunctionalInterface
public interface RowsFinishedListener {

	/** Does nothing: the default for outputs held in memory. */
	RowsFinishedListener NONE = (z, t, yEnd) -> {};

	/**
	 * Rows {@code [0, yEnd)} of plane {@code (z, t)}, all channels, will not be written again.
	 *
	 * @param z position on the Z axis (0 without one)
	 * @param t position on the time axis (0 without one)
	 * @param yEnd first row that may still change, in image coordinates from the output's min
	 */
	void rowsFinished(long z, long t, long yEnd);
}
