package org.restorej.train;

import java.util.ArrayList;
import java.util.List;

import org.restorej.array.NhwcArray;
import org.restorej.nn.Layers;
import org.restorej.nn.NetworkConfig;
import org.restorej.nn.ParameterStore;
import org.restorej.nn.WeightSource;
import org.restorej.runtime.ExecutionOptions;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;

/**
 * One network graph set up for training: the forward pass the export uses, the loss, its gradients over
 * every parameter, and one AdamW update that runs as a single session call. The learning rate and Adam's
 * bias corrections are fed per step, so the schedule lives in Java and a resumed run continues it exactly.
 * <p>
 * Every parameter gets two moment variables named {@code KEY-adam_m} and {@code KEY-adam_v}; together with
 * the weights they are all the state {@link Session#save} needs to resume.
 */
public final class TrainingGraph implements AutoCloseable {

	private final NetworkConfig config;
	private final Graph graph = new Graph();
	private final Ops tf = Ops.create(graph);
	private final ParameterStore params = new ParameterStore(tf);
	private final Placeholder<TFloat32> input;
	private final Placeholder<TFloat32> target;
	private final Placeholder<TFloat32> learningRate;
	private final Placeholder<TFloat32> beta1Power;
	private final Placeholder<TFloat32> beta2Power;
	private final Operand<TFloat32> output;
	private final Operand<TFloat32> loss;
	private final Op update;
	private final List<Op> zeroMoments = new ArrayList<>();
	private final AdamW optimizer;
	private final Session session;

	public TrainingGraph(final NetworkConfig config, final Loss lossKind, final AdamW optimizer,
		final int threads)
	{
		this(config, lossKind, optimizer, threads, true);
	}

	/**
	 * @param optimiseGraph run TensorFlow's graph optimiser (grappler) on the training graph: fused kernels make
	 *          steps faster, but it takes seconds to minutes on the first step, more than a short run saves
	 */
	public TrainingGraph(final NetworkConfig config, final Loss lossKind, final AdamW optimizer,
		final int threads, final boolean optimiseGraph)
	{
		this(config, lossKind, optimizer, new ExecutionOptions("cpu", threads, Math.min(threads, 2), true),
			optimiseGraph);
	}

	/**
	 * @param execution device and threads, through the one builder of session options (GPU memory taken as
	 *          needed, so that a training run leaves the rest of the GPU to others)
	 */
	public TrainingGraph(final NetworkConfig config, final Loss lossKind, final AdamW optimizer,
		final ExecutionOptions execution, final boolean optimiseGraph)
	{
		this.config = config;
		this.optimizer = optimizer;
		input = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, config
			.inputChannels())));
		target = tf.withName("target").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, config
			.outputChannels())));
		learningRate = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
		beta1Power = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
		beta2Power = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
		output = tf.withName("output").identity(config.build(new Layers(tf, params), input));
		loss = lossKind.build(tf, output, target);
		update = buildUpdate();
		final ConfigProto.Builder cfg = execution.toConfigProto().toBuilder();
		if (!optimiseGraph) cfg.setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(RewriterConfig.newBuilder()
			.setDisableMetaOptimizer(true)));
		session = new Session(graph, cfg.build());
	}

	private Op buildUpdate() {
		MissingGradients.register();
		final List<ParameterStore.Parameter> ps = new ArrayList<>(params.parameters().values());
		final List<Operand<?>> vars = new ArrayList<>();
		ps.forEach(p -> vars.add(p.variable()));
		final Gradients grads = tf.gradients(loss, vars);
		final List<Operand<TFloat32>> g = new ArrayList<>();
		for (int i = 0; i < ps.size(); i++)
			g.add(grads.<TFloat32>dy(i));
		final List<Operand<TFloat32>> clipped = clip(g);
		final Operand<TFloat32> b1 = tf.constant((float) optimizer.beta1());
		final Operand<TFloat32> b2 = tf.constant((float) optimizer.beta2());
		final Operand<TFloat32> eps = tf.constant((float) optimizer.epsilon());
		final Operand<TFloat32> keep = tf.math.sub(tf.constant(1f), tf.math.mul(learningRate, tf.constant(
			(float) optimizer.weightDecay())));
		// nothing may change a weight before the whole forward and backward pass has read it (the weights are
		// reference variables, read when each op runs): every update waits for every gradient and the loss
		final List<org.tensorflow.Operation> computed = new ArrayList<>();
		clipped.forEach(x -> computed.add(x.op()));
		computed.add(loss.op());
		final Ops afterGradients = tf.withControlDependencyOps(computed);
		final List<Op> steps = new ArrayList<>();
		for (int i = 0; i < ps.size(); i++) {
			final ParameterStore.Parameter p = ps.get(i);
			final Variable<TFloat32> w = p.variable();
			final Shape shape = w.shape();
			final Variable<TFloat32> m = tf.withName(p.key() + "-adam_m").variable(shape, TFloat32.class);
			final Variable<TFloat32> v = tf.withName(p.key() + "-adam_v").variable(shape, TFloat32.class);
			zeroMoments.add(tf.assign(m, tf.zerosLike(w)));
			zeroMoments.add(tf.assign(v, tf.zerosLike(w)));
			// decoupled decay first, on the weights before this step's Adam move (as torch.optim.AdamW)
			final Op decayed = afterGradients.assign(w, tf.math.mul(w, keep));
			steps.add(tf.withControlDependencies(List.of(decayed)).train.applyAdam(w, m, v, beta1Power, beta2Power,
				learningRate, b1, b2, eps, clipped.get(i)));
		}
		return tf.withControlDependencies(steps).noOp();
	}

	/** Gradients scaled to a global L2 norm of at most the optimiser's clip norm (if set). */
	private List<Operand<TFloat32>> clip(final List<Operand<TFloat32>> g) {
		if (optimizer.gradientClipNorm() <= 0) return g;
		Operand<TFloat32> sum = tf.constant(0f);
		for (final Operand<TFloat32> x : g)
			sum = tf.math.add(sum, tf.reduceSum(tf.math.square(x), tf.range(tf.constant(0), tf.rank(x), tf
				.constant(1))));
		final Operand<TFloat32> scale = tf.math.minimum(tf.constant(1f), tf.math.div(tf.constant(
			(float) optimizer.gradientClipNorm()), tf.math.maximum(tf.math.sqrt(sum), tf.constant(1e-12f))));
		final List<Operand<TFloat32>> out = new ArrayList<>();
		g.forEach(x -> out.add(tf.math.mul(x, scale)));
		return out;
	}

	public NetworkConfig config() {
		return config;
	}

	public ParameterStore parameters() {
		return params;
	}

	public Session session() {
		return session;
	}

	/** Fills the weights from {@code weights} and zeroes the optimiser's moments. */
	public void initialise(final WeightSource weights, final String sourceName) {
		params.load(weights, sourceName, session, null);
		final Session.Runner r = session.runner();
		zeroMoments.forEach(r::addTarget);
		r.run();
	}

	/**
	 * One AdamW step on a batch; returns the batch loss before the update.
	 *
	 * @param step 0-based index of this update (bias corrections use {@code step + 1})
	 */
	public float step(final NhwcArray in, final NhwcArray tgt, final double lr, final long step) {
		try (TFloat32 x = tensor(in); TFloat32 y = tensor(tgt);
			TFloat32 rate = TFloat32.scalarOf((float) lr);
			TFloat32 p1 = TFloat32.scalarOf((float) optimizer.beta1Power(step + 1));
			TFloat32 p2 = TFloat32.scalarOf((float) optimizer.beta2Power(step + 1));
			Result r = session.runner().feed(input, x).feed(target, y).feed(learningRate, rate).feed(beta1Power, p1)
				.feed(beta2Power, p2).addTarget(update).fetch(loss).run())
		{
			return ((TFloat32) r.get(0)).getFloat();
		}
	}

	/** Loss of a batch without updating anything. */
	public float loss(final NhwcArray in, final NhwcArray tgt) {
		try (TFloat32 x = tensor(in); TFloat32 y = tensor(tgt);
			Result r = session.runner().feed(input, x).feed(target, y).fetch(loss).run())
		{
			return ((TFloat32) r.get(0)).getFloat();
		}
	}

	/** The network's output for a batch whose size satisfies the size rule. */
	public NhwcArray predict(final NhwcArray in) {
		try (TFloat32 x = tensor(in); Result r = session.runner().feed(input, x).fetch(output).run()) {
			final TFloat32 o = (TFloat32) r.get(0);
			final float[] data = new float[Math.toIntExact(o.shape().size())];
			o.copyTo(DataBuffers.of(data, false, false));
			return new NhwcArray((int) o.shape().get(0), (int) o.shape().get(1), (int) o.shape().get(2), (int) o
				.shape().get(3), data);
		}
	}

	static TFloat32 tensor(final NhwcArray a) {
		return TFloat32.tensorOf(Shape.of(a.batch(), a.height(), a.width(), a.channels()), DataBuffers.of(a.data(),
			true, false));
	}

	@Override
	public void close() {
		session.close();
		graph.close();
	}
}
