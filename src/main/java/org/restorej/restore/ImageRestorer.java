package org.restorej.restore;

import ij.ImagePlus;

/**
 * Restores ImageJ images with one loaded model: the model is loaded once, at the first image, and
 * serves every later one until {@link #close()}. Implementations run the engine in this JVM (the
 * command line) or in a worker process (Fiji and ImageJ, whose own TensorFlow conflicts with
 * RestoreJ's).
 */
public interface ImageRestorer extends AutoCloseable {

	/**
	 * Restores {@code image} into a new ImagePlus: calibration, dimension order and slice labels kept,
	 * the title suffixed. The input is never modified.
	 *
	 * @throws org.restorej.imagej.InvalidImageException if there is no image, or it is empty
	 * @throws org.restorej.engine.CancelledException if {@code monitor} cancelled it
	 * @throws org.restorej.RestoreJException for any other failure a user can act on
	 */
	ImagePlus restore(ImagePlus image, RestoreSettings settings, RunMonitor monitor);

	/** Frees the model (and whatever runs it). */
	@Override
	void close();
}
