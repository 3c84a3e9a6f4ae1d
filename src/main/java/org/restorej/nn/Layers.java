package org.restorej.nn;

import java.util.Arrays;
import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The building blocks both architectures share, on NHWC float32 tensors whose batch and spatial sizes
 * are only known at run time. Weights are declared in the {@link ParameterStore} under their PyTorch
 * keys as the blocks are built.
 */
public final class Layers {

	private static final List<Long> UNIT_STRIDES = List.of(1L, 1L, 1L, 1L);

	private final Ops tf;
	private final ParameterStore params;

	public Layers(final Ops tf, final ParameterStore params) {
		this.tf = tf;
		this.params = params;
	}

	public Ops tf() {
		return tf;
	}

	public ParameterStore params() {
		return params;
	}

	/** Conv2d, stride 1, zero padding k/2, weights {@code prefix.weight} (and {@code prefix.bias}). */
	public Operand<TFloat32> conv(final Operand<TFloat32> x, final String prefix, final long in,
		final long out, final int k, final boolean bias)
	{
		return convOutputs(x, prefix, in, out, k, bias, 0, out);
	}

	/**
	 * Output channels {@code [start, start + count)} of a conv whose checkpoint weight has {@code out}
	 * outputs. Slicing the (small) weight instead of the (large) result saves a copy of the activations
	 * when a layer's output is split, as in Restormer's q/k/v and gates.
	 */
	public Operand<TFloat32> convOutputs(final Operand<TFloat32> x, final String prefix, final long in,
		final long out, final int k, final boolean bias, final long start, final long count)
	{
		final Operand<TFloat32> w = lastAxis(params.weight(prefix + ".weight", WeightLayout.CONV2D, out, in, k, k),
			4, out, start, count);
		final Operand<TFloat32> y = k == 1 ? pointwise(x, w, in, count) : tf.nn.conv2d(x, w, UNIT_STRIDES, "SAME");
		return bias ? tf.nn.biasAdd(y, lastAxis(params.weight(prefix + ".bias", WeightLayout.AS_IS, out), 1, out,
			start, count)) : y;
	}

	/** Conv2d with explicit symmetric zero padding and a stride (AST's 4x4 stride-2 downsampling). */
	public Operand<TFloat32> conv(final Operand<TFloat32> x, final String prefix, final long in,
		final long out, final int k, final int stride, final int pad, final boolean bias)
	{
		final Operand<TFloat32> w = params.weight(prefix + ".weight", WeightLayout.CONV2D, out, in, k, k);
		// zero padding as its own op then VALID, not EXPLICIT padding: the same values, but TensorFlow's C++
		// Conv2D gradient (used in training) drops the explicit_paddings attribute
		final Operand<TFloat32> padded = pad == 0 ? x : tf.pad(x, tf.constant(new int[][] { { 0, 0 }, { pad, pad },
			{ pad, pad }, { 0, 0 } }), tf.constant(0f));
		final Operand<TFloat32> y = tf.nn.conv2d(padded, w, List.of(1L, (long) stride, (long) stride, 1L), "VALID");
		return bias ? addBias(y, prefix, out) : y;
	}

	/** A 1x1 conv as a matrix product over pixels, which oneDNN runs faster than its 1x1 convolution. */
	private Operand<TFloat32> pointwise(final Operand<TFloat32> x, final Operand<TFloat32> hwio, final long in,
		final long out)
	{
		final Operand<TInt32> shape = tf.shape(x);
		final Operand<TFloat32> y = tf.linalg.matMul(tf.reshape(x, tf.constant(new int[] { -1, (int) in })), tf
			.reshape(hwio, tf.constant(new int[] { (int) in, (int) out })));
		return tf.reshape(y, withLastDim(shape, 4, out));
	}

	/** Depthwise 3x3 (or k x k) conv over {@code channels}, zero padding k/2. */
	public Operand<TFloat32> depthwise(final Operand<TFloat32> x, final String prefix, final long channels,
		final int k, final boolean bias)
	{
		return depthwiseChannels(x, prefix, channels, k, bias, 0, channels);
	}

	/** The depthwise conv of channels {@code [start, start + count)} of a layer of {@code channels}. */
	public Operand<TFloat32> depthwiseChannels(final Operand<TFloat32> x, final String prefix,
		final long channels, final int k, final boolean bias, final long start, final long count)
	{
		final Operand<TFloat32> w = params.weight(prefix + ".weight", WeightLayout.DEPTHWISE, channels, 1, k, k);
		final Operand<TFloat32> part = count == channels ? w : tf.slice(w, tf.constant(new int[] { 0, 0,
			(int) start, 0 }), tf.constant(new int[] { -1, -1, (int) count, -1 }));
		final Operand<TFloat32> y = tf.nn.depthwiseConv2dNative(x, part, UNIT_STRIDES, "SAME");
		return bias ? tf.nn.biasAdd(y, lastAxis(params.weight(prefix + ".bias", WeightLayout.AS_IS, channels), 1,
			channels, start, count)) : y;
	}

	/** Entries {@code [start, start + count)} of the last axis of a weight of rank {@code rank}. */
	public Operand<TFloat32> lastAxis(final Operand<TFloat32> w, final int rank, final long size,
		final long start, final long count)
	{
		if (start == 0 && count == size) return w;
		// int32 bounds: TensorFlow's C++ Slice gradient (used by training) mixes them with int32 shapes
		final int[] begin = new int[rank], extent = new int[rank];
		java.util.Arrays.fill(extent, -1);
		begin[rank - 1] = (int) start;
		extent[rank - 1] = (int) count;
		return tf.slice(w, tf.constant(begin), tf.constant(extent));
	}

	/** Linear layer on the last axis of a tensor of any rank: {@code y = x W^T + b}. */
	public Operand<TFloat32> linear(final Operand<TFloat32> x, final String prefix, final long in,
		final long out, final boolean bias)
	{
		final Operand<TFloat32> w = params.weight(prefix + ".weight", WeightLayout.LINEAR, out, in);
		final Operand<TInt32> shape = tf.shape(x);
		final Operand<TFloat32> flat = tf.reshape(x, tf.constant(new int[] { -1, (int) in }));
		Operand<TFloat32> y = tf.linalg.matMul(flat, w);
		if (bias) y = addBias(y, prefix, out);
		return tf.reshape(y, withLastDim(shape, x.shape().numDimensions(), out));
	}

	/** Adds {@code prefix.bias} of length {@code n} along the last axis. */
	public Operand<TFloat32> addBias(final Operand<TFloat32> x, final String prefix, final long n) {
		return tf.nn.biasAdd(x, params.weight(prefix + ".bias", WeightLayout.AS_IS, n));
	}

	/**
	 * LayerNorm over the channel (last) axis with population variance.
	 *
	 * @param centred whether x is centred before scaling; Restormer's BiasFree variant is not
	 */
	public Operand<TFloat32> layerNorm(final Operand<TFloat32> x, final Operand<TFloat32> weight,
		final Operand<TFloat32> biasOrNull, final float eps, final boolean centred)
	{
		final Operand<TInt32> lastAxis = tf.constant(new int[] { -1 });
		final Operand<TFloat32> mu = tf.math.mean(x, lastAxis, org.tensorflow.op.math.Mean.keepDims(true));
		final Operand<TFloat32> d = tf.math.sub(x, mu);
		final Operand<TFloat32> var = tf.math.mean(tf.math.square(d), lastAxis,
			org.tensorflow.op.math.Mean.keepDims(true));
		final Operand<TFloat32> inv = tf.math.rsqrt(tf.math.add(var, tf.constant(eps)));
		Operand<TFloat32> y = tf.math.mul(tf.math.mul(centred ? d : x, inv), weight);
		if (biasOrNull != null) y = tf.math.add(y, biasOrNull);
		return y;
	}

	/** Exact GELU, {@code 0.5 x (1 + erf(x / sqrt 2))}, as PyTorch's default. */
	public Operand<TFloat32> gelu(final Operand<TFloat32> x) {
		final Operand<TFloat32> e = tf.math.erf(tf.math.mul(x, tf.constant((float) (1 / Math.sqrt(2)))));
		return tf.math.mul(tf.math.mul(x, tf.constant(0.5f)), tf.math.add(e, tf.constant(1f)));
	}

	/** Channels {@code [start, start + count)} of an NHWC tensor. */
	public Operand<TFloat32> channels(final Operand<TFloat32> x, final long start, final long count) {
		return tf.slice(x, tf.constant(new int[] { 0, 0, 0, (int) start }),
			tf.constant(new int[] { -1, -1, -1, (int) count }));
	}

	/** Concatenation along channels, in the order given. */
	@SafeVarargs
	public final Operand<TFloat32> concatChannels(final Operand<TFloat32>... parts) {
		return tf.concat(Arrays.asList(parts), tf.constant(-1));
	}

	/**
	 * PyTorch's PixelUnshuffle(2) on NHWC: output channel {@code c*4 + i*2 + j} holds input channel c at
	 * offset (i, j). TensorFlow's space_to_depth orders channels differently, so it is spelt out.
	 */
	public Operand<TFloat32> pixelUnshuffle2(final Operand<TFloat32> x, final long channels) {
		final Operand<TInt32> s = tf.shape(x);
		final Operand<TInt32> h2 = half(dim(s, 1));
		final Operand<TInt32> w2 = half(dim(s, 2));
		final Operand<TFloat32> r = tf.reshape(x, stack(dim(s, 0), h2, tf.constant(2), w2, tf.constant(2),
			tf.constant((int) channels)));
		final Operand<TFloat32> t = tf.linalg.transpose(r, tf.constant(new int[] { 0, 1, 3, 5, 2, 4 }));
		return tf.reshape(t, stack(dim(s, 0), h2, w2, tf.constant((int) (4 * channels))));
	}

	/** PyTorch's PixelShuffle(2) on NHWC: the inverse of {@link #pixelUnshuffle2}. */
	public Operand<TFloat32> pixelShuffle2(final Operand<TFloat32> x, final long channelsIn) {
		final long c = channelsIn / 4;
		final Operand<TInt32> s = tf.shape(x);
		final Operand<TFloat32> r = tf.reshape(x, stack(dim(s, 0), dim(s, 1), dim(s, 2), tf.constant((int) c),
			tf.constant(2), tf.constant(2)));
		final Operand<TFloat32> t = tf.linalg.transpose(r, tf.constant(new int[] { 0, 1, 4, 2, 5, 3 }));
		return tf.reshape(t, stack(dim(s, 0), twice(dim(s, 1)), twice(dim(s, 2)), tf.constant((int) c)));
	}

	/** Element {@code i} of a shape vector, as a scalar. */
	public Operand<TInt32> dim(final Operand<TInt32> shape, final int i) {
		return tf.squeeze(tf.slice(shape, tf.constant(new int[] { i }), tf.constant(new int[] { 1 })));
	}

	/** A shape vector made of scalars. */
	@SafeVarargs
	public final Operand<TInt32> stack(final Operand<TInt32>... scalars) {
		return tf.stack(Arrays.asList(scalars));
	}

	private Operand<TInt32> half(final Operand<TInt32> v) {
		return tf.math.floorDiv(v, tf.constant(2));
	}

	private Operand<TInt32> twice(final Operand<TInt32> v) {
		return tf.math.mul(v, tf.constant(2));
	}

	private Operand<TInt32> withLastDim(final Operand<TInt32> shape, final int rank, final long last) {
		final Operand<TInt32> lead = tf.slice(shape, tf.constant(new int[] { 0 }),
			tf.constant(new int[] { rank - 1 }));
		return tf.concat(List.of(lead, tf.constant(new int[] { (int) last })), tf.constant(0));
	}
}
