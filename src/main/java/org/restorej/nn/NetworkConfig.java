package org.restorej.nn;

import java.util.Map;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** A network architecture with all its hyper-parameters: enough to build its graph. */
public interface NetworkConfig {

	/** {@code "restormer"} or {@code "ast"}. */
	String architecture();

	int inputChannels();

	int outputChannels();

	/** Spatial sizes this graph accepts. */
	SizeRule sizeRule();

	/** The official PyTorch constructor's keyword arguments that give this network. */
	Map<String, Object> officialArguments();

	/**
	 * Builds the forward pass on an NHWC float32 input with dynamic batch, height and width, declaring
	 * every weight in {@code layers.params()}.
	 */
	Operand<TFloat32> build(Layers layers, Operand<TFloat32> input);
}
