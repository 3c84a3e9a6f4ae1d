package org.restorej.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.restorej.checkpoint.PthWriter;
import org.restorej.checkpoint.PthWriter.Tensor;
import org.restorej.checkpoint.PthWriter.Wrapper;
import org.restorej.export.CheckpointImporter;
import org.restorej.export.Preset;
import org.restorej.nn.Layers;
import org.restorej.nn.NetworkConfig;
import org.restorej.nn.ParameterStore;
import org.restorej.nn.RandomWeights;
import org.restorej.nn.ast.WindowPlan;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Times the import of a full-size official checkpoint and measures the Java heap it needs. A checkpoint
 * with random weights is written in the layout the official training code produces (Restormer:
 * {@code {'params': state_dict}}; AST: {@code {'epoch', 'state_dict', 'optimizer'}} with
 * {@code module.} keys and AdamW {@code exp_avg}/{@code exp_avg_sq} for every parameter, about three
 * times the weights), then {@link CheckpointImporter#run} turns it into a SavedModel.
 *
 * <p>Heap: after a full GC, the peaks of the heap memory pools are reset; after the import their peaks
 * are summed (pools peak at different moments, so the sum bounds the true peak from above). A thread
 * also samples the total heap in use every millisecond. Both count garbage not yet collected, so with
 * a large {@code -Xmx} they mostly show how lazily the collector runs; run with a small {@code -Xmx}
 * to show what the import needs (test sources, like the tiling benchmarks: {@code mvn test-compile} first):
 * {@code java -Xmx64m -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -cp
 * "target/test-classes:target/classes:target/lib/*" org.restorej.bench.ImportBenchmark ast-spad-deraining}
 * ({@code restorej bench --import} names this command). JavaCPP's default
 * limit on the process's physical memory scales with {@code -Xmx} and, below about 200 MB of heap, is
 * smaller than what TensorFlow's native tensors need, hence the property).
 */
public final class ImportBenchmark {

	private static final long SEED = 20261122L;
	private static final double MB = 1e6;

	/**
	 * @param weightBytes float32 bytes of the learnable parameters
	 * @param checkpointBytes size of the {@code .pth} file
	 * @param heapBeforeBytes heap in use after the GC that precedes the import
	 * @param peakHeapBytes sum of the heap pools' peaks during the import
	 * @param sampledPeakHeapBytes highest total heap in use seen by sampling
	 * @param maxHeapBytes the JVM's heap limit ({@code -Xmx})
	 */
	public record Figures(String network, String wrapper, long parameters, int tensors, long weightBytes,
		long checkpointBytes, double writeSeconds, double importSeconds, long heapBeforeBytes, long peakHeapBytes,
		long sampledPeakHeapBytes, long maxHeapBytes, long gcCount, double gcSeconds)
	{
		/** Peak heap (pool peaks) over the weights' size. */
		public double peakOverWeights() {
			return peakHeapBytes / (double) weightBytes;
		}

		@Override
		public String toString() {
			return String.format("%s import: %,d parameters in %d tensors = %.1f MB of weights; checkpoint %s, %.1f " +
				"MB (written in %.1f s); import to SavedModel %.1f s; heap (-Xmx %.0f MB): %.1f MB in use before, " +
				"peak %.1f MB (pool peaks; %.1f MB sampled) = %.2f x weights; %d GCs, %.2f s", network, parameters,
				tensors, weightBytes / MB, wrapper, checkpointBytes / MB, writeSeconds, importSeconds, maxHeapBytes / MB,
				heapBeforeBytes / MB, peakHeapBytes / MB, sampledPeakHeapBytes / MB, peakOverWeights(), gcCount,
				gcSeconds);
		}
	}

	private ImportBenchmark() {}

	/** Writes the full-size checkpoint of {@code preset} into {@code workDir}, imports it there, measures. */
	public static Figures run(final Preset preset, final Path workDir) throws IOException {
		return run(preset.id(), preset.network(), preset, workDir, null);
	}

	/**
	 * The same for any configuration (imported with it as a custom architecture unless a preset is given).
	 *
	 * @param log receives the importer's messages; may be null
	 */
	public static Figures run(final String name, final NetworkConfig config, final Preset preset,
		final Path workDir, final java.util.function.Consumer<String> log) throws IOException
	{
		Files.createDirectories(workDir);
		final Path checkpoint = workDir.resolve(name + ".pth");
		final OfficialLayout layout = OfficialLayout.of(config);
		final long t0 = System.nanoTime();
		PthWriter.writeStateDict(checkpoint, layout.stateDict(), layout.wrapper());
		final double writeSeconds = (System.nanoTime() - t0) / 1e9;
		final long checkpointBytes = Files.size(checkpoint);
		final CheckpointImporter.Request request = new CheckpointImporter.Request(checkpoint, workDir.resolve(name),
			preset, preset == null ? config.architecture() : null, preset == null ? config.officialArguments() : null,
			name, true);

		final long gcCount0 = gcCount(), gcMillis0 = gcMillis();
		final long before = HeapWatch.liveNow();
		final double importSeconds;
		final long peak, sampled;
		try (HeapWatch heap = HeapWatch.start()) {
			final long t1 = System.nanoTime();
			CheckpointImporter.run(request, log == null ? s -> {} : log);
			importSeconds = (System.nanoTime() - t1) / 1e9;
			peak = heap.poolPeaks();
			sampled = Math.max(before, heap.maxSampled());
		}
		return new Figures(name, layout.description(),
			layout.parameters, layout.stateDict().size(), 4 * layout.parameters, checkpointBytes, writeSeconds,
			importSeconds, before, peak, sampled, Runtime.getRuntime().maxMemory(), gcCount() - gcCount0,
			(gcMillis() - gcMillis0) / 1e3);
	}

	private static long gcCount() {
		return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean
			::getCollectionCount).filter(c -> c > 0).sum();
	}

	private static long gcMillis() {
		return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean
			::getCollectionTime).filter(c -> c > 0).sum();
	}

	/**
	 * The keys, shapes and wrapper an official checkpoint of this network has, with random values: the
	 * parameters the graph declares and the int64 buffers it recomputes.
	 */
	static final class OfficialLayout {

		private final Map<String, Tensor> stateDict = new LinkedHashMap<>();
		private final Wrapper wrapper;
		private final long parameters;

		private OfficialLayout(final NetworkConfig config) {
			final Map<String, long[]> params = new LinkedHashMap<>();
			final Map<String, long[]> buffers;
			final RandomWeights random;
			try (Graph g = new Graph()) {
				final Ops tf = Ops.create(g);
				final ParameterStore store = new ParameterStore(tf);
				config.build(new Layers(tf, store), tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1,
					-1, config.inputChannels()))));
				store.parameters().values().forEach(p -> params.put(p.key(), p.torchShape()));
				buffers = store.recomputedBuffers();
				random = new RandomWeights(store, SEED);
				parameters = store.parameterCount();
			}
			for (final Map.Entry<String, long[]> e : withBuffers(params, buffers).entrySet()) {
				final String key = e.getKey();
				final long[] shape = e.getValue();
				stateDict.put(key, params.containsKey(key) ? Tensor.float32(() -> random.read(key), shape) : Tensor
					.int64(() -> bufferValues(key, shape), shape));
			}
			if (config.architecture().equals("ast")) {
				// AST's training script: DataParallel keys and AdamW state for every parameter
				final List<String> keys = new ArrayList<>(params.keySet());
				wrapper = Wrapper.training(250, PthWriter.AdamW.withLearningRate(2e-4).stateDict(keys.size(), 123_000,
					i -> moment(keys.get(i), params.get(keys.get(i)), false), i -> moment(keys.get(i), params.get(keys
						.get(i)), true))).withModulePrefix();
			}
			else wrapper = Wrapper.params(); // basicsr's save_network
		}

		static OfficialLayout of(final NetworkConfig config) {
			return new OfficialLayout(config);
		}

		Map<String, Tensor> stateDict() {
			return stateDict;
		}

		Wrapper wrapper() {
			return wrapper;
		}

		String description() {
			return switch (wrapper.kind()) {
				case BARE -> "bare state dict";
				case PARAMS -> "{'params': state_dict}";
				case TRAINING -> "{'epoch', 'state_dict', 'optimizer': AdamW}";
			} + (wrapper.modulePrefix() ? ", 'module.' keys" : "");
		}

		/**
		 * Parameters in declaration order, each buffer after the last parameter of its own module, where
		 * {@code state_dict()} puts a module's buffers (after its parameters, before its submodules').
		 */
		private static Map<String, long[]> withBuffers(final Map<String, long[]> params,
			final Map<String, long[]> buffers)
		{
			final List<String> order = new ArrayList<>(params.keySet());
			for (final String buffer : buffers.keySet()) {
				final String module = buffer.substring(0, buffer.lastIndexOf('.') + 1);
				int at = order.size();
				for (int i = 0; i < order.size(); i++) {
					final String k = order.get(i);
					if (k.startsWith(module) && k.indexOf('.', module.length()) < 0) at = i + 1;
				}
				order.add(at, buffer);
			}
			final Map<String, long[]> all = new LinkedHashMap<>();
			for (final String k : order)
				all.put(k, params.containsKey(k) ? params.get(k) : buffers.get(k));
			return all;
		}

		/** A relative position index as the official code computes it; zeros for any other buffer. */
		private static long[] bufferValues(final String key, final long[] shape) {
			final int n = Math.toIntExact(shape[0]);
			final int win = (int) Math.round(Math.sqrt(n));
			if (key.endsWith("relative_position_index") && shape.length == 2 && shape[1] == n && win * win == n) {
				final int[] idx = WindowPlan.relativePositionIndex(win);
				final long[] v = new long[idx.length];
				for (int i = 0; i < v.length; i++)
					v[i] = idx[i];
				return v;
			}
			long numel = 1;
			for (final long d : shape)
				numel *= d;
			return new long[Math.toIntExact(numel)];
		}

		/** AdamW moments of plausible magnitude: exp_avg ~ N(0, 1e-3²), exp_avg_sq its square plus 1e-8. */
		private static Tensor moment(final String key, final long[] shape, final boolean squared) {
			return Tensor.float32(() -> {
				long numel = 1;
				for (final long d : shape)
					numel *= d;
				final float[] v = new float[Math.toIntExact(numel)];
				final SplittableRandom r = new SplittableRandom(SEED ^ key.hashCode() * 31L);
				for (int i = 0; i < v.length; i++) {
					final double m = 1e-3 * r.nextGaussian();
					v[i] = (float) (squared ? m * m + 1e-8 : m);
				}
				return v;
			}, shape);
		}
	}

	/**
	 * {@code ImportBenchmark [preset ...] [--dir DIR] [--keep]}: measures each preset (default
	 * restormer-deraining and ast-spad-deraining) in a temporary directory, deleted afterwards unless
	 * {@code --keep}.
	 */
	public static void main(final String[] args) throws IOException {
		final List<Preset> presets = new ArrayList<>();
		Path dir = null;
		boolean keep = false;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--dir" -> dir = Path.of(args[++i]);
				case "--keep" -> keep = true;
				default -> presets.add(Preset.byId(args[i]));
			}
		}
		if (presets.isEmpty()) presets.addAll(List.of(Preset.RESTORMER_DERAINING, Preset.AST_SPAD_DERAINING));
		final Path work = dir != null ? dir : Files.createTempDirectory("restorej-import-bench");
		try {
			for (final Preset p : presets)
				System.out.println(run(p, work.resolve(p.id())));
		}
		finally {
			if (!keep) org.restorej.export.ModelExporter.deleteRecursively(work);
		}
	}
}
