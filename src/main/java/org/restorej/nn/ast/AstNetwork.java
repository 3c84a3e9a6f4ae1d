package org.restorej.nn.ast;

import java.util.ArrayList;
import java.util.List;

import org.restorej.nn.Layers;
import org.restorej.nn.ParameterStore;
import org.restorej.nn.WeightLayout;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Builds the AST forward pass as one TensorFlow graph on NHWC float32 tensors with dynamic batch, height
 * and width. Token sequences {@code (N, H·W, C)} of the official code are kept as images {@code (N, H, W, C)}
 * throughout (LayerNorm and Linear act on the last axis, so nothing changes numerically); this is also what
 * lets height and width differ.
 * <p>
 * Window attention is batched over all windows of all images: {@code (N·nW, heads, win², d)} matrices,
 * with window partition and head split done by one reshape/transpose, no per-window loop.
 */
public final class AstNetwork {

	private static final float LN_EPS = 1e-5f;
	private static final float LEAKY_SLOPE = 0.01f;
	private static final float MASK_VALUE = -100f;

	private final AstConfig config;
	private final Layers L;
	private final Ops tf;
	private final ParameterStore params;

	public AstNetwork(final AstConfig config, final Layers layers) {
		this.config = config;
		this.L = layers;
		this.tf = layers.tf();
		this.params = layers.params();
	}

	/**
	 * The network output for an NHWC input with {@code dd_in} channels; both spatial sizes must satisfy
	 * {@link AstConfig#sizeRule()} (not checked in the graph).
	 */
	public Operand<TFloat32> build(final Operand<TFloat32> input) {
		final List<WindowPlan.Layer> plan = config.windowPlan().layers();
		final int e = config.embedDim();
		Operand<TFloat32> t = tf.nn.leakyRelu(L.conv(input, "input_proj.proj.0", config.ddIn(), e, 3, true),
			LeakyRelu.alpha(LEAKY_SLOPE));
		final List<Operand<TFloat32>> skips = new ArrayList<>();
		for (int k = 0; k < 4; k++) {
			final WindowPlan.Layer layer = plan.get(k);
			t = layer(layer, t);
			skips.add(t);
			t = L.conv(t, "dowsample_" + k + ".conv.0", layer.dim(), 2L * layer.dim(), 4, 2, 1, true);
		}
		t = layer(plan.get(4), t);
		for (int k = 0; k < 4; k++) {
			final Operand<TFloat32> skip = skips.get(3 - k);
			final int skipDim = plan.get(3 - k).dim();
			t = upsample(t, "upsample_" + k + ".deconv.0", plan.get(4 + k).dim(), skipDim);
			t = L.concatChannels(t, skip);
			t = layer(plan.get(5 + k), t);
		}
		final Operand<TFloat32> out = L.conv(t, "output_proj.proj.0", 2L * e, config.outChannels(), 3, true);
		return config.ddIn() == 3 ? tf.math.add(input, out) : out;
	}

	// ---- layers and blocks

	private Operand<TFloat32> layer(final WindowPlan.Layer layer, Operand<TFloat32> x) {
		final int maxShift = layer.shifts().stream().mapToInt(Integer::intValue).max().orElse(0);
		final Operand<TFloat32> mask = layer.attention() && maxShift > 0 ? shiftMask(x, layer.window(), maxShift)
			: null;
		for (int i = 0; i < layer.depth(); i++) {
			final String p = layer.blockName(i);
			final int c = layer.dim();
			if (layer.attention()) {
				final int shift = layer.shifts().get(i);
				if (shift > 0 && shift != maxShift) throw new IllegalStateException("one shift per layer expected");
				x = tf.math.add(x, attention(p + ".attn", layerNorm(x, p + ".norm1", c), c, layer.heads(), layer
					.window(), shift, shift > 0 ? mask : null));
			}
			x = tf.math.add(x, mlp(p + ".mlp", layerNorm(x, p + ".norm2", c), c));
		}
		return x;
	}

	private Operand<TFloat32> layerNorm(final Operand<TFloat32> x, final String prefix, final int c) {
		return L.layerNorm(x, params.weight(prefix + ".weight", WeightLayout.AS_IS, c), params.weight(prefix +
			".bias", WeightLayout.AS_IS, c), LN_EPS, true);
	}

	/** ConvTranspose2d kernel 2 stride 2 with bias: one matmul, then depth-to-space. */
	private Operand<TFloat32> upsample(final Operand<TFloat32> x, final String prefix, final int in,
		final int out)
	{
		final Operand<TFloat32> w = params.weight(prefix + ".weight", WeightLayout.DECONV2X2, in, out, 2, 2);
		final Operand<TInt32> s = tf.shape(x);
		final Operand<TFloat32> y = tf.linalg.matMul(tf.reshape(x, tf.constant(new int[] { -1, in })), w);
		final Operand<TFloat32> pixels = tf.reshape(y, L.stack(L.dim(s, 0), L.dim(s, 1), L.dim(s, 2), tf
			.constant(4 * out)));
		return L.addBias(tf.nn.depthToSpace(pixels, 2L), prefix, out);
	}

	// ---- feed-forward networks

	private Operand<TFloat32> mlp(final String p, final Operand<TFloat32> x, final int c) {
		final int f = config.hiddenWidth(c);
		final Operand<TInt32> s = tf.shape(x);
		final Operand<TFloat32> w1 = params.weight(p + ".linear1.0.weight", WeightLayout.LINEAR, (long) f *
			(config.tokenMlp() == TokenMlp.FRFN ? 2 : 1), c);
		final Operand<TFloat32> b1 = params.weight(p + ".linear1.0.bias", WeightLayout.AS_IS, (long) f *
			(config.tokenMlp() == TokenMlp.FRFN ? 2 : 1));
		final Operand<TFloat32> gate;
		final Operand<TFloat32> value;
		switch (config.tokenMlp()) {
			case FRFN -> {
				final int cp = c / 4;
				final Operand<TFloat32> partial = L.conv(L.channels(x, 0, cp), p + ".partial_conv3", cp, cp, 3,
					false);
				final Operand<TFloat32> flat = flat(L.concatChannels(partial, L.channels(x, cp, c - cp)), c);
				// linear1 + GELU on both halves; the halves are computed as two products so that no activation
				// tensor has to be sliced (and each product fuses with its bias and GELU)
				final Operand<TFloat32> x1 = geluDense(flat, columns(w1, 0, f), part(b1, 0, f));
				final Operand<TFloat32> x2 = geluDense(flat, columns(w1, f, f), part(b1, f, f));
				gate = L.gelu(L.depthwise(image(x1, s, f), p + ".dwconv.0", f, 3, true));
				value = x2;
			}
			case LEFF -> {
				final Operand<TFloat32> h = geluDense(flat(x, c), w1, b1);
				gate = L.gelu(L.depthwise(image(h, s, f), p + ".dwconv.0", f, 3, true));
				value = null;
			}
			default -> throw new IllegalStateException();
		}
		final Operand<TFloat32> hidden = value == null ? flat(gate, f) : tf.math.mul(flat(gate, f), value);
		final Operand<TFloat32> y = tf.nn.biasAdd(tf.linalg.matMul(hidden, params.weight(p + ".linear2.0.weight",
			WeightLayout.LINEAR, c, f)), params.weight(p + ".linear2.0.bias", WeightLayout.AS_IS, c));
		return image(y, s, c);
	}

	/**
	 * {@code GELU(x·w + b)} on a matrix, spelt {@code (erf(y/√2) + 1)·(y·0.5)} with {@code y} the BiasAdd of a
	 * MatMul, the form TensorFlow's grappler remapper fuses into one MatMul kernel (exact-erf GELU).
	 */
	private Operand<TFloat32> geluDense(final Operand<TFloat32> x, final Operand<TFloat32> w,
		final Operand<TFloat32> b)
	{
		final Operand<TFloat32> y = tf.nn.biasAdd(tf.linalg.matMul(x, w), b);
		final Operand<TFloat32> erf = tf.math.erf(tf.math.mul(y, tf.constant((float) (1 / Math.sqrt(2)))));
		return tf.math.mul(tf.math.add(erf, tf.constant(1f)), tf.math.mul(y, tf.constant(0.5f)));
	}

	private Operand<TFloat32> flat(final Operand<TFloat32> x, final int c) {
		return tf.reshape(x, tf.constant(new int[] { -1, c }));
	}

	/** Rows of {@code (N·H·W, c)} back to {@code (N, H, W, c)}, N, H, W from the shape vector {@code s}. */
	private Operand<TFloat32> image(final Operand<TFloat32> x, final Operand<TInt32> s, final int c) {
		return tf.reshape(x, L.stack(L.dim(s, 0), L.dim(s, 1), L.dim(s, 2), tf.constant(c)));
	}

	private Operand<TFloat32> columns(final Operand<TFloat32> w, final int start, final int count) {
		return tf.slice(w, tf.constant(new int[] { 0, start }), tf.constant(new int[] { -1, count }));
	}

	private Operand<TFloat32> part(final Operand<TFloat32> v, final int start, final int count) {
		return tf.slice(v, tf.constant(new int[] { start }), tf.constant(new int[] { count }));
	}

	// ---- adaptive sparse self-attention over (shifted) windows

	/**
	 * ASSA on the windows of {@code u} (the LayerNorm output, NHWC), rolled by {@code -shift} first and back
	 * after; returns the attention branch output (before the residual add), NHWC.
	 */
	private Operand<TFloat32> attention(final String p, final Operand<TFloat32> u, final int c, final int heads,
		final int win, final int shift, final Operand<TFloat32> mask)
	{
		final int d = c / heads;
		final int n = win * win;
		final Operand<TInt32> s = tf.shape(u);
		final Operand<TInt32> batch = L.dim(s, 0);
		final Operand<TInt32> h = L.dim(s, 1);
		final Operand<TInt32> w = L.dim(s, 2);
		final Operand<TInt32> nh = tf.math.floorDiv(h, tf.constant(win));
		final Operand<TInt32> nw = tf.math.floorDiv(w, tf.constant(win));
		final Operand<TInt32> axes = tf.constant(new int[] { 1, 2 });

		final Operand<TFloat32> x = shift > 0 ? tf.roll(u, tf.constant(new int[] { -shift, -shift }), axes) : u;

		// q (pre-scaled by d^-1/2), k, v from one matmul with [to_q * scale | to_kv]
		final float scale = (float) Math.pow(d, -0.5);
		final Operand<TFloat32> scaleOp = tf.constant(scale);
		final Operand<TFloat32> wq = params.weight(p + ".qkv.to_q.weight", WeightLayout.LINEAR, c, c);
		final Operand<TFloat32> wkv = params.weight(p + ".qkv.to_kv.weight", WeightLayout.LINEAR, 2L * c, c);
		final Operand<TFloat32> wqkv = tf.concat(List.of(tf.math.mul(wq, scaleOp), wkv), tf.constant(1));
		Operand<TFloat32> qkv = tf.linalg.matMul(tf.reshape(x, tf.constant(new int[] { -1, c })), wqkv);
		if (config.qkvBias()) {
			final Operand<TFloat32> bq = params.weight(p + ".qkv.to_q.bias", WeightLayout.AS_IS, c);
			final Operand<TFloat32> bkv = params.weight(p + ".qkv.to_kv.bias", WeightLayout.AS_IS, 2L * c);
			qkv = tf.nn.biasAdd(qkv, tf.concat(List.of(tf.math.mul(bq, scaleOp), bkv), tf.constant(0)));
		}
		// (N, nh, win, nw, win, 3, heads, d) -> (3, N, nh, nw, heads, win, win, d) -> (3, N·nW, heads, n, d)
		final Operand<TFloat32> split = tf.reshape(qkv, L.stack(batch, nh, tf.constant(win), nw, tf.constant(win),
			tf.constant(3), tf.constant(heads), tf.constant(d)));
		final Operand<TFloat32> windows = tf.reshape(tf.linalg.transpose(split, tf.constant(new int[] { 5, 0, 1,
			3, 6, 2, 4, 7 })), tf.constant(new int[] { 3, -1, heads, n, d }));
		final List<Operand<TFloat32>> qkvList = new ArrayList<>();
		tf.unstack(windows, 3L, Unstack.axis(0L)).forEach(qkvList::add);
		final Operand<TFloat32> q = qkvList.get(0);
		final Operand<TFloat32> k = qkvList.get(1);
		final Operand<TFloat32> v = qkvList.get(2);

		// scores + relative position bias (+ shift mask)
		Operand<TFloat32> scores = tf.train.batchMatMul(q, k, TFloat32.class, BatchMatMul.adjY(true));
		scores = tf.math.add(scores, relativePositionBias(p, win, heads));
		if (mask != null) {
			final Operand<TFloat32> perWindow = tf.reshape(scores, L.stack(batch, tf.math.mul(nh, nw), tf.constant(
				heads), tf.constant(n), tf.constant(n)));
			scores = tf.reshape(tf.math.add(perWindow, mask), tf.constant(new int[] { -1, heads, n, n }));
		}

		// dense softmax branch and sparse ReLU² branch, mixed by softmax(w)
		final Operand<TFloat32> branch = tf.nn.softmax(params.weight(p + ".w", WeightLayout.AS_IS, 2));
		final Operand<TFloat32> w1 = tf.slice(branch, tf.constant(new int[] { 0 }), tf.constant(new int[] { 1 }));
		final Operand<TFloat32> w2 = tf.slice(branch, tf.constant(new int[] { 1 }), tf.constant(new int[] { 1 }));
		final Operand<TFloat32> attn = tf.math.add(tf.math.mul(tf.nn.softmax(scores), w1), tf.math.mul(tf.math
			.square(tf.nn.relu(scores)), w2));
		final Operand<TFloat32> o = tf.train.batchMatMul(attn, v, TFloat32.class);

		// (N, nh, nw, heads, win, win, d) -> (N, nh, win, nw, win, heads, d) -> (N, H, W, C)
		final Operand<TFloat32> merged = tf.reshape(tf.linalg.transpose(tf.reshape(o, L.stack(batch, nh, nw, tf
			.constant(heads), tf.constant(win), tf.constant(win), tf.constant(d))), tf.constant(new int[] { 0, 1, 4,
				2, 5, 3, 6 })), L.stack(batch, h, w, tf.constant(c)));
		final Operand<TFloat32> projected = L.linear(merged, p + ".proj", c, c, true);
		return shift > 0 ? tf.roll(projected, tf.constant(new int[] { shift, shift }), axes) : projected;
	}

	/** {@code B[head, p, q] = table[idx(p, q), head]}, shape (heads, n, n). */
	private Operand<TFloat32> relativePositionBias(final String p, final int win, final int heads) {
		final int n = win * win;
		params.recomputedBuffer(p + ".relative_position_index", n, n);
		final Operand<TFloat32> table = params.weight(p + ".relative_position_bias_table", WeightLayout.AS_IS,
			(2L * win - 1) * (2L * win - 1), heads);
		final Operand<TFloat32> rows = tf.gather(table, tf.constant(WindowPlan.relativePositionIndex(win)), tf
			.constant(0));
		return tf.linalg.transpose(tf.reshape(rows, tf.constant(new int[] { n, n, heads })), tf.constant(new int[] {
			2, 0, 1 }));
	}

	/**
	 * The shift mask for the actual (dynamic) size of {@code x}: pixels get the region label {@code 3a + b}
	 * with {@code a = [y >= H − win] + [y >= H − shift]} (b likewise for columns); within each window, token
	 * pairs with different labels get −100. Shape {@code (nW, 1, n, n)}, to add to scores viewed as
	 * {@code (N, nW, heads, n, n)}.
	 */
	private Operand<TFloat32> shiftMask(final Operand<TFloat32> x, final int win, final int shift) {
		final int n = win * win;
		final Operand<TInt32> s = tf.shape(x);
		final Operand<TInt32> h = L.dim(s, 1);
		final Operand<TInt32> w = L.dim(s, 2);
		final Operand<TInt32> a = regionIndex(h, win, shift);
		final Operand<TInt32> b = regionIndex(w, win, shift);
		final Operand<TInt32> labels = tf.math.add(tf.math.mul(tf.expandDims(a, tf.constant(1)), tf.constant(3)), tf
			.expandDims(b, tf.constant(0)));
		final Operand<TInt32> perWindow = tf.reshape(tf.linalg.transpose(tf.reshape(labels, L.stack(tf.math
			.floorDiv(h, tf.constant(win)), tf.constant(win), tf.math.floorDiv(w, tf.constant(win)), tf.constant(
				win))), tf.constant(new int[] { 0, 2, 1, 3 })), tf.constant(new int[] { -1, n }));
		final Operand<TBool> differ = tf.math.notEqual(tf.reshape(perWindow, tf.constant(new int[] { -1, 1, n, 1 })),
			tf.reshape(perWindow, tf.constant(new int[] { -1, 1, 1, n })));
		return tf.math.mul(tf.dtypes.cast(differ, TFloat32.class), tf.constant(MASK_VALUE));
	}

	/** {@code [i >= size − win] + [i >= size − shift]} for i in [0, size). */
	private Operand<TInt32> regionIndex(final Operand<TInt32> size, final int win, final int shift) {
		final Operand<TInt32> i = tf.range(tf.constant(0), size, tf.constant(1));
		final Operand<TInt32> first = tf.dtypes.cast(tf.math.greaterEqual(i, tf.math.sub(size, tf.constant(win))),
			TInt32.class);
		final Operand<TInt32> second = tf.dtypes.cast(tf.math.greaterEqual(i, tf.math.sub(size, tf.constant(
			shift))), TInt32.class);
		return tf.math.add(first, second);
	}
}
