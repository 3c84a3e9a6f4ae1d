package org.restorej.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.restorej.nn.ParameterStore;
import org.restorej.nn.WeightSource;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Weights held in memory in PyTorch layout: a snapshot of a running session's variables (what
 * {@link org.restorej.export.ModelExporter} needs to write a trained model through the same path as an
 * imported checkpoint), or the starting weights of a fine-tuning run.
 */
public record TrainedWeights(Map<String, long[]> shapes, Map<String, float[]> values) implements WeightSource {

	/** Copies every parameter of {@code params} out of {@code session}, in one session call. */
	public static TrainedWeights of(final ParameterStore params, final Session session) {
		final TrainedWeights w = new TrainedWeights(new LinkedHashMap<>(), new LinkedHashMap<>());
		final List<ParameterStore.Parameter> ps = List.copyOf(params.parameters().values());
		final Session.Runner runner = session.runner();
		ps.forEach(p -> runner.fetch(p.variable()));
		try (Result r = runner.run()) {
			for (int i = 0; i < ps.size(); i++) {
				final ParameterStore.Parameter p = ps.get(i);
				final TFloat32 t = (TFloat32) r.get(i);
				final float[] tf = new float[Math.toIntExact(t.shape().size())];
				t.copyTo(DataBuffers.of(tf, false, false));
				w.shapes.put(p.key(), p.torchShape());
				w.values.put(p.key(), p.layout().toTorch(tf, p.torchShape()));
			}
		}
		return w;
	}

	@Override
	public Set<String> keys() {
		return Collections.unmodifiableSet(shapes.keySet());
	}

	@Override
	public long[] shape(final String key) {
		return shapes.get(key);
	}

	@Override
	public float[] read(final String key) {
		return values.get(key).clone();
	}
}
