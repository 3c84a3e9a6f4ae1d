package org.restorej.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.restorej.nn.ParameterStore;
import org.restorej.nn.WeightSource;

/**
 * Seeded starting weights for training from scratch, following PyTorch's defaults for the official
 * modules: convolution and linear weights uniform in {@code ±1/sqrt(fan_in)}, biases zero, LayerNorm scale
 * 1, Restormer's attention temperatures 1, AST's branch weights 1 and its relative position biases
 * N(0, 0.02).
 */
public final class InitialWeights implements WeightSource {

	private final Map<String, ParameterStore.Parameter> parameters = new LinkedHashMap<>();
	private final long seed;

	public InitialWeights(final ParameterStore params, final long seed) {
		parameters.putAll(params.parameters());
		this.seed = seed;
	}

	@Override
	public Set<String> keys() {
		return parameters.keySet();
	}

	@Override
	public long[] shape(final String key) {
		final ParameterStore.Parameter p = parameters.get(key);
		return p == null ? null : p.torchShape();
	}

	@Override
	public float[] read(final String key) {
		final ParameterStore.Parameter p = parameters.get(key);
		final float[] v = new float[Math.toIntExact(p.size())];
		final SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * key.hashCode()));
		final long[] s = p.torchShape();
		if (key.endsWith("relative_position_bias_table")) {
			for (int i = 0; i < v.length; i++)
				v[i] = (float) (0.02 * random.nextGaussian());
		}
		else if (key.endsWith(".temperature") || key.endsWith(".w") || isNormScale(key, s)) {
			java.util.Arrays.fill(v, 1f);
		}
		else if (s.length >= 2) {
			final double bound = 1 / Math.sqrt(fanIn(s));
			for (int i = 0; i < v.length; i++)
				v[i] = (float) random.nextDouble(-bound, bound);
		}
		// everything else (biases, LayerNorm shifts) starts at zero
		return v;
	}

	private static boolean isNormScale(final String key, final long[] s) {
		return s.length == 1 && key.endsWith(".weight") && key.contains("norm");
	}

	/** Inputs feeding one output value, as PyTorch computes it from the weight's dimensions 1 and up. */
	private static long fanIn(final long[] s) {
		long receptive = 1;
		for (int i = 2; i < s.length; i++)
			receptive *= s[i];
		return s[1] * receptive;
	}
}
