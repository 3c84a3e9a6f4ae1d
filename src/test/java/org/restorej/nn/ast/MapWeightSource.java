package org.restorej.nn.ast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.restorej.nn.ParameterStore;
import org.restorej.nn.WeightSource;

/**
 * Test-only {@link WeightSource} of given shapes, with deterministic random values (normal, scaled by
 * {@code 1/sqrt(fan_in)} for matrices and kernels; around 1 for LayerNorm weights) or shapes only.
 */
final class MapWeightSource implements WeightSource {

	private final Map<String, long[]> shapes;
	private final long seed;

	MapWeightSource(final Map<String, long[]> shapes, final long seed) {
		this.shapes = new LinkedHashMap<>(shapes);
		this.seed = seed;
	}

	/** Random values for every weight the store declares, plus the given shape-only buffers. */
	static MapWeightSource random(final ParameterStore store, final Map<String, long[]> buffers, final long seed) {
		final Map<String, long[]> shapes = new LinkedHashMap<>();
		store.parameters().values().forEach(p -> shapes.put(p.key(), p.torchShape()));
		shapes.putAll(buffers);
		return new MapWeightSource(shapes, seed);
	}

	@Override
	public Set<String> keys() {
		return Collections.unmodifiableSet(shapes.keySet());
	}

	@Override
	public long[] shape(final String key) {
		final long[] s = shapes.get(key);
		return s == null ? null : s.clone();
	}

	@Override
	public float[] read(final String key) {
		final long[] s = shapes.get(key);
		long n = 1;
		for (final long d : s)
			n *= d;
		final Random r = new Random(seed ^ key.hashCode());
		final float[] v = new float[Math.toIntExact(n)];
		final boolean norm = key.contains(".norm") && key.endsWith(".weight");
		final double std = s.length >= 2 ? 1 / Math.sqrt((double) n / s[0]) : 0.1;
		for (int i = 0; i < v.length; i++)
			v[i] = (float) ((norm ? 1 : 0) + std * r.nextGaussian());
		return v;
	}
}
