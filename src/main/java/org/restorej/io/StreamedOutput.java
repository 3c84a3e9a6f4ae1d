package org.restorej.io;

import java.io.IOException;

import net.imglib2.RandomAccessibleInterval;

/**
 * An output file written while it is computed (a tiled TIFF, an OME-Zarr): the image to fill, told when rows are
 * final so that it can write and free them, committed under the target's name when complete and deleted when
 * closed without a commit.
 */
public interface StreamedOutput<T> extends AutoCloseable, RowsFinishedListener {

	/** The image to fill. */
	RandomAccessibleInterval<T> output();

	/** Writes what is left and moves the file onto the target. */
	void commit() throws IOException;

	/** Bytes of the output on disk so far. */
	long bytesWritten();

	/** Releases the output; without a {@link #commit} the partial file is deleted. */
	@Override
	void close();
}
