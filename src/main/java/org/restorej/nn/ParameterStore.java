package org.restorej.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The learnable tensors of a network graph, each named by its PyTorch state-dict key. Builders
 * declare a weight where they use it; {@link #load} later fills every variable from a checkpoint
 * after checking that keys and shapes agree in both directions.
 */
public final class ParameterStore {

	/** One declared weight: its PyTorch key and shape, and the TensorFlow variable that holds it. */
	public record Parameter(String key, long[] torchShape, WeightLayout layout,
		Variable<TFloat32> variable, Placeholder<TFloat32> feed, Assign<TFloat32> assign)
	{
		public long size() {
			return Arrays.stream(torchShape).reduce(1, (a, b) -> a * b);
		}
	}

	/** Bytes of weights fed per session run, so that loading never holds a whole model twice. */
	private static final long LOAD_BATCH_BYTES = 64L << 20;
	/** Values rearranged at a time on their way into a native tensor. */
	private static final int LOAD_CHUNK = 1 << 16;

	private final Ops tf;
	private final Map<String, Parameter> parameters = new LinkedHashMap<>();
	private final Map<String, long[]> recomputed = new LinkedHashMap<>();

	public ParameterStore(final Ops tf) {
		this.tf = tf;
	}

	/** Declares (or reuses) the weight {@code key} of PyTorch shape {@code torchShape}. */
	public Variable<TFloat32> weight(final String key, final WeightLayout layout, final long... torchShape) {
		final Parameter existing = parameters.get(key);
		if (existing != null) {
			if (!Arrays.equals(existing.torchShape(), torchShape) || existing.layout() != layout)
				throw new IllegalStateException("Weight " + key + " declared twice with different shapes");
			return existing.variable();
		}
		final Shape tfShape = Shape.of(layout.tfShape(torchShape));
		final Variable<TFloat32> variable = tf.withName(key).variable(tfShape, TFloat32.class);
		final Placeholder<TFloat32> feed = tf.placeholder(TFloat32.class, Placeholder.shape(tfShape));
		final Assign<TFloat32> assign = tf.assign(variable, feed);
		parameters.put(key, new Parameter(key, torchShape.clone(), layout, variable, feed, assign));
		return variable;
	}

	/**
	 * Declares a checkpoint entry the graph computes itself (e.g. AST's relative position index), so
	 * that it counts as consumed without being loaded.
	 */
	public void recomputedBuffer(final String key, final long... torchShape) {
		recomputed.put(key, torchShape.clone());
	}

	/**
	 * The checkpoint entries declared with {@link #recomputedBuffer}: key to PyTorch shape, in
	 * declaration order (a copy).
	 */
	public Map<String, long[]> recomputedBuffers() {
		final Map<String, long[]> copy = new LinkedHashMap<>();
		recomputed.forEach((key, shape) -> copy.put(key, shape.clone()));
		return Collections.unmodifiableMap(copy);
	}

	public Map<String, Parameter> parameters() {
		return Collections.unmodifiableMap(parameters);
	}

	/** Number of learnable values (the figure papers report as parameter count). */
	public long parameterCount() {
		return parameters.values().stream().mapToLong(Parameter::size).sum();
	}

	/**
	 * Checks that {@code source} holds exactly the declared keys with the declared shapes, then assigns
	 * every variable.
	 *
	 * @param hint given the source, a guess at its right configuration, used in the error message
	 */
	public void load(final WeightSource source, final String sourceName, final Session session,
		final Function<WeightSource, String> hint)
	{
		check(source, sourceName, hint);
		final float[] chunk = new float[LOAD_CHUNK];
		final List<Parameter> batch = new ArrayList<>();
		long bytes = 0;
		for (final Parameter p : parameters.values()) {
			batch.add(p);
			bytes += 4 * p.size();
			if (bytes >= LOAD_BATCH_BYTES) {
				assign(batch, source, session, chunk);
				batch.clear();
				bytes = 0;
			}
		}
		assign(batch, source, session, chunk);
	}

	/** Throws {@link WeightMismatchException} unless keys and shapes match both ways. */
	public void check(final WeightSource source, final String sourceName,
		final Function<WeightSource, String> hint)
	{
		final List<String> missing = new ArrayList<>();
		final List<String> wrongShape = new ArrayList<>();
		final Map<String, long[]> expected = new LinkedHashMap<>();
		parameters.values().forEach(p -> expected.put(p.key(), p.torchShape()));
		expected.putAll(recomputed);
		for (final Map.Entry<String, long[]> e : expected.entrySet()) {
			final long[] actual = source.shape(e.getKey());
			// a buffer the graph recomputes may be absent, but if present it must fit
			if (actual == null) {
				if (!recomputed.containsKey(e.getKey())) missing.add(e.getKey());
			}
			else if (!Arrays.equals(actual, e.getValue())) wrongShape.add(e.getKey() + " (checkpoint " +
				Arrays.toString(actual) + ", network " + Arrays.toString(e.getValue()) + ")");
		}
		final List<String> unexpected = new ArrayList<>();
		for (final String key : source.keys())
			if (!expected.containsKey(key)) unexpected.add(key);
		if (!missing.isEmpty() || !unexpected.isEmpty() || !wrongShape.isEmpty())
			throw new WeightMismatchException(sourceName, missing, unexpected, wrongShape,
				hint == null ? null : hint.apply(source));
	}

	/**
	 * Feeds a batch of variables. Each tensor is read as one float[] (the only heap copy) and rearranged
	 * straight into the native TensorFlow tensor through {@code chunk}, so loading allocates about the
	 * weights' size once in short-lived arrays, and never holds more than one tensor on the heap.
	 */
	private void assign(final List<Parameter> batch, final WeightSource source, final Session session,
		final float[] chunk)
	{
		if (batch.isEmpty()) return;
		final List<Tensor> tensors = new ArrayList<>();
		try {
			final Session.Runner runner = session.runner();
			for (final Parameter p : batch) {
				final float[] values = source.read(p.key());
				if (values.length != p.size())
					throw new IllegalStateException(p.key() + ": " + values.length + " values for shape " + Arrays
						.toString(p.torchShape()));
				final TFloat32 t = TFloat32.tensorOf(Shape.of(p.layout().tfShape(p.torchShape())));
				tensors.add(t);
				final FloatDataBuffer data = t.asRawTensor().data().asFloats();
				p.layout().rearrange(values, p.torchShape(), chunk, (run, count, at) -> data.offset(at).write(run, 0,
					count));
				runner.feed(p.feed(), t).addTarget(p.assign());
			}
			runner.run();
		}
		finally {
			tensors.forEach(Tensor::close);
		}
	}
}
