package org.restorej.train;

import java.util.Map;

import org.restorej.nn.Layers;
import org.restorej.nn.NetworkConfig;
import org.restorej.nn.SizeRule;
import org.restorej.nn.WeightLayout;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Test network {@code y = w x + b} on one channel: small enough to check an optimiser step by hand. */
record AffineNetwork() implements NetworkConfig {

	@Override
	public String architecture() {
		return "affine";
	}

	@Override
	public int inputChannels() {
		return 1;
	}

	@Override
	public int outputChannels() {
		return 1;
	}

	@Override
	public SizeRule sizeRule() {
		return new SizeRule(1, false);
	}

	@Override
	public Map<String, Object> officialArguments() {
		return Map.of();
	}

	@Override
	public Operand<TFloat32> build(final Layers layers, final Operand<TFloat32> input) {
		final var tf = layers.tf();
		final var w = layers.params().weight("scale", WeightLayout.AS_IS, 1);
		final var b = layers.params().weight("shift", WeightLayout.AS_IS, 1);
		return tf.math.add(tf.math.mul(input, w), b);
	}
}
