package org.restorej.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Seeded random weights for every parameter a graph declared, scaled by fan-in so that activations
 * stay in a realistic range: for benchmarks and for building full-size checkpoints without
 * downloading the official ones.
 */
public final class RandomWeights implements WeightSource {

	private final Map<String, long[]> shapes = new LinkedHashMap<>();
	private final long seed;

	/** Random weights for every parameter {@code network} declares (its graph is built once, then dropped). */
	public static RandomWeights of(final NetworkConfig network, final long seed) {
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final ParameterStore store = new ParameterStore(tf);
			network.build(new Layers(tf, store), tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1,
				network.inputChannels()))));
			return new RandomWeights(store, seed);
		}
	}

	public RandomWeights(final ParameterStore params, final long seed) {
		params.parameters().values().forEach(p -> shapes.put(p.key(), p.torchShape()));
		this.seed = seed;
	}

	@Override
	public Set<String> keys() {
		return shapes.keySet();
	}

	@Override
	public long[] shape(final String key) {
		return shapes.get(key);
	}

	@Override
	public float[] read(final String key) {
		final long[] s = shapes.get(key);
		long n = 1;
		for (final long d : s)
			n *= d;
		final float[] v = new float[Math.toIntExact(n)];
		final SplittableRandom random = new SplittableRandom(seed ^ key.hashCode());
		if (s.length == 1 || key.endsWith("temperature")) {
			// norms scale around 1, biases around 0, temperatures 1
			final boolean scale = key.contains("norm") && key.endsWith("weight") || key.endsWith("temperature");
			for (int i = 0; i < v.length; i++)
				v[i] = (float) ((scale ? 1 : 0) + 0.02 * random.nextGaussian());
			return v;
		}
		final double std = 1 / Math.sqrt(n / (double) s[0]);
		for (int i = 0; i < v.length; i++)
			v[i] = (float) (std * random.nextGaussian());
		return v;
	}
}
