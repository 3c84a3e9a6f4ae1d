package org.restorej.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;

import org.restorej.nn.Layers;
import org.restorej.nn.NetworkConfig;
import org.restorej.nn.ParameterStore;
import org.restorej.nn.RandomWeights;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.restorej.runtime.ExecutionOptions;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Times one forward pass of a network with random weights and counts its floating-point operations
 * (multiply-adds of convolutions and matrix products, 2 FLOPs each; element-wise ops are not counted),
 * reading the actual shapes of every such op from a run.
 */
public final class NetworkBenchmark {

	/**
	 * Seconds per forward of {@code batch} images (median and all runs), FLOPs of one forward and the rate
	 * achieved.
	 */
	public record Figures(String network, int batch, int height, int width, long parameters, double medianSeconds,
		double[] seconds, double flops, Map<String, Double> secondsByOpType)
	{
		public double gflopsPerSecond() {
			return flops / medianSeconds / 1e9;
		}

		public double secondsPerImage() {
			return medianSeconds / batch;
		}

		@Override
		public String toString() {
			return String.format("%s %s%dx%d: %,d parameters, %.3f s per forward (median of %d: %s)%s, %.1f GFLOP " +
				"per forward, %.1f GFLOP/s", network, batch > 1 ? batch + " x " : "", height, width, parameters,
				medianSeconds, seconds.length, Arrays.toString(Arrays.stream(seconds).map(s -> Math.round(s * 1000) /
					1000.0).toArray()), batch > 1 ? String.format(", %.3f s per image", secondsPerImage()) : "", flops /
						1e9, gflopsPerSecond()) + profileText();
		}

		/**
		 * The traced time's share of the matrix-product kernels (dense and batched matrix products, full
		 * convolutions, with whatever TensorFlow fused into them); NaN without a profile.
		 */
		public double matrixProductShare() {
			final double total = secondsByOpType.values().stream().mapToDouble(Double::doubleValue).sum();
			final double products = secondsByOpType.entrySet().stream().filter(e -> isMatrixProduct(e.getKey()))
				.mapToDouble(Map.Entry::getValue).sum();
			return total > 0 ? products / total : Double.NaN;
		}

		/**
		 * The rate if every other op took no time: the most that fusing or removing the element-wise and
		 * memory-bound ops could give, the matrix-product kernels staying as fast as they are.
		 */
		public double gflopsPerSecondWithoutOtherOps() {
			return gflopsPerSecond() / matrixProductShare();
		}

		private String profileText() {
			if (secondsByOpType.isEmpty()) return "";
			final double total = secondsByOpType.values().stream().mapToDouble(Double::doubleValue).sum();
			final StringBuilder sb = new StringBuilder("\n  traced op time (one run, summed over ops):");
			secondsByOpType.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).limit(12)
				.forEach(e -> sb.append(String.format("%n    %-24s %7.3f s %5.1f%%", e.getKey(), e.getValue(), 100 * e
					.getValue() / total)));
			sb.append(String.format("%n  matrix-product kernels (MatMul, BatchMatMul, Conv2D and fused forms): %.1f%% " +
				"of the traced time; with every other op at no cost: %.1f GFLOP/s", 100 * matrixProductShare(),
				gflopsPerSecondWithoutOtherOps()));
			return sb.toString();
		}
	}

	/** Dense or batched matrix products and full convolutions, in TensorFlow's or oneDNN's (fused) kernels. */
	static boolean isMatrixProduct(final String opType) {
		return opType.contains("MatMul") || opType.endsWith("Conv2D");
	}

	private static final Set<String> COUNTED = Set.of("Conv2D", "DepthwiseConv2dNative", "MatMul",
		"BatchMatMulV2", "BatchMatMulV3", "BatchMatMul", "_FusedConv2D", "_FusedMatMul");

	private NetworkBenchmark() {}

	public static Figures run(final String name, final NetworkConfig config, final int height, final int width,
		final int runs, final ExecutionOptions execution, final boolean profile)
	{
		return run(name, config, 1, height, width, runs, execution, profile);
	}

	/** {@code batch} images per forward, as the engine's tiles when it runs several per network call. */
	public static Figures run(final String name, final NetworkConfig config, final int batch, final int height,
		final int width, final int runs, final ExecutionOptions execution, final boolean profile)
	{
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final ParameterStore params = new ParameterStore(tf);
			final Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1,
				config.inputChannels())));
			final Operand<TFloat32> y = config.build(new Layers(tf, params), x);
			final List<Counted> counted = countedOps(g, tf);
			try (Session s = new Session(g, execution.toConfigProto())) {
				params.load(new RandomWeights(params, 42), "random weights", s, null);
				final float[] data = new float[batch * height * width * config.inputChannels()];
				for (int i = 0; i < data.length; i++)
					data[i] = (float) (0.5 + 0.4 * Math.sin(i * 0.001));
				try (TFloat32 in = TFloat32.tensorOf(Shape.of(batch, height, width, config.inputChannels()), DataBuffers
					.of(data, true, false)))
				{
					final double flops = flops(s, x, in, counted);
					// warm-up: the first run plans kernels and allocates
					s.runner().feed(x, in).fetch(y).run().close();
					final double[] seconds = new double[runs];
					for (int r = 0; r < runs; r++) {
						final long t0 = System.nanoTime();
						s.runner().feed(x, in).fetch(y).run().close();
						seconds[r] = (System.nanoTime() - t0) / 1e9;
					}
					final double[] sorted = seconds.clone();
					Arrays.sort(sorted);
					final Map<String, Double> byOp = profile ? profile(s, x, in, y) : Map.of();
					return new Figures(name, batch, height, width, params.parameterCount(), sorted[runs / 2], seconds,
						flops, byOp);
				}
			}
		}
	}

	private record Counted(String type, Operand<TInt32> a, Operand<TInt32> b, Operand<TInt32> out,
		boolean adjX) {}

	private static List<Counted> countedOps(final Graph g, final Ops tf) {
		final List<GraphOperation> ops = new ArrayList<>();
		for (final Iterator<GraphOperation> it = g.operations(); it.hasNext();) {
			final GraphOperation op = it.next();
			if (COUNTED.contains(op.type())) ops.add(op);
		}
		final List<Counted> counted = new ArrayList<>();
		for (final GraphOperation op : ops) {
			final boolean adjX = op.type().startsWith("BatchMatMul") && op.attributes().getAttrBool("adj_x");
			counted.add(new Counted(op.type(), tf.shape(op.input(0)), tf.shape(op.input(1)), tf.shape(op.output(0)),
				adjX));
		}
		return counted;
	}

	private static double flops(final Session s, final Placeholder<TFloat32> x, final TFloat32 in,
		final List<Counted> counted)
	{
		final Session.Runner runner = s.runner().feed(x, in);
		for (final Counted c : counted)
			runner.fetch(c.a()).fetch(c.b()).fetch(c.out());
		double total = 0;
		try (Result r = runner.run()) {
			for (int i = 0; i < counted.size(); i++) {
				final int[] a = ints((TInt32) r.get(3 * i)), b = ints((TInt32) r.get(3 * i + 1)),
					out = ints((TInt32) r.get(3 * i + 2));
				final double outSize = Arrays.stream(out).asDoubleStream().reduce(1, (p, q) -> p * q);
				total += switch (counted.get(i).type()) {
					case "Conv2D", "_FusedConv2D" -> 2 * outSize * b[0] * b[1] * b[2];
					case "DepthwiseConv2dNative" -> 2 * outSize * b[0] * b[1];
					case "MatMul", "_FusedMatMul" -> 2 * outSize * a[1];
					default -> 2 * outSize * (counted.get(i).adjX() ? a[a.length - 2] : a[a.length - 1]);
				};
			}
		}
		return total;
	}

	/**
	 * Seconds per op type from one traced run of {@code y} (ops overlap across threads, so shares are
	 * approximate): the benchmarks' one per-op profiler.
	 */
	public static Map<String, Double> profile(final Session s, final Placeholder<TFloat32> x, final TFloat32 in,
		final Operand<TFloat32> y)
	{
		final Map<String, Double> byOp = new TreeMap<>();
		try (Result r = s.runner().feed(x, in).fetch(y).setOptions(RunOptions.newBuilder().setTraceLevel(
			RunOptions.TraceLevel.FULL_TRACE).build()).runAndFetchMetadata())
		{
			for (final var device : r.getMetadata().orElseThrow().getStepStats().getDevStatsList())
				for (final var node : device.getNodeStatsList()) {
					final String label = node.getTimelineLabel();
					final int eq = label.indexOf("= "), paren = label.indexOf('(', Math.max(eq, 0));
					final String op = eq < 0 ? node.getNodeName() : label.substring(eq + 2, paren < 0 ? label.length()
						: paren).trim();
					byOp.merge(op, node.getAllEndRelMicros() / 1e6, Double::sum);
				}
		}
		return byOp;
	}

	private static int[] ints(final TInt32 t) {
		final int[] v = new int[(int) t.shape().size()];
		t.copyTo(DataBuffers.of(v, false, false));
		return v;
	}
}
