package org.restorej.bioimageio;

import java.nio.file.Path;
import java.util.List;

import org.restorej.RestoreJException;

/**
 * A valid bioimage.io package asking for something RestoreJ cannot run: weights other than a TensorFlow
 * SavedModel, several inputs or outputs, axes other than batch, y, x, channel, or a pre- or postprocessing
 * step RestoreJ does not apply. The message names every such feature.
 */
public class UnsupportedPackageException extends RestoreJException {

	public UnsupportedPackageException(final Path where, final List<String> features) {
		super("RestoreJ cannot run the bioimage.io package " + where + ": " + String.join("; ", features) +
			". RestoreJ runs packages with tensorflow_saved_model_bundle weights, one input and one output with " +
			"axes batch, y, x, channel (NHWC), and the preprocessing scale_linear, scale_range, " +
			"zero_mean_unit_variance, fixed_zero_mean_unit_variance (postprocessing: none, or the inverse " +
			"scale_linear), optionally followed by clip; run this one with bioimageio.core or deepImageJ.");
	}
}
