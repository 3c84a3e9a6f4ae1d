package org.restorej.nn.restormer;

import org.restorej.nn.Layers;
import org.restorej.nn.WeightLayout;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Restormer's forward pass on NHWC tensors: a 4-level U-Net of transformer blocks, each block a
 * transposed (channel-to-channel) attention (MDTA) and a gated depthwise feed-forward (GDFN).
 */
final class RestormerGraph {

	/** LayerNorm epsilon of the official code; 1e-6 would shift outputs by ~1e-3. */
	private static final float LN_EPS = 1e-5f;
	/** Floor of the L2 norm in F.normalize. */
	private static final float NORM_FLOOR = 1e-12f;

	private final RestormerConfig c;
	private final Layers nn;
	private final Ops tf;

	RestormerGraph(final RestormerConfig config, final Layers layers) {
		this.c = config;
		this.nn = layers;
		this.tf = layers.tf();
	}

	Operand<TFloat32> forward(final Operand<TFloat32> x) {
		final int c1 = c.dim(), c2 = 2 * c1, c3 = 4 * c1, c4 = 8 * c1;
		final int[] nb = c.numBlocks(), h = c.heads();
		final Operand<TFloat32> e0 = nn.conv(x, "patch_embed.proj", c.inputChannels(), c1, 3, false);
		final Operand<TFloat32> s1 = blocks(e0, "encoder_level1", nb[0], c1, h[0]);
		final Operand<TFloat32> s2 = blocks(down(s1, "down1_2", c1), "encoder_level2", nb[1], c2, h[1]);
		final Operand<TFloat32> s3 = blocks(down(s2, "down2_3", c2), "encoder_level3", nb[2], c3, h[2]);
		final Operand<TFloat32> z = blocks(down(s3, "down3_4", c3), "latent", nb[3], c4, h[3]);

		Operand<TFloat32> d = nn.concatChannels(up(z, "up4_3", c4), s3);
		d = nn.conv(d, "reduce_chan_level3", c4, c3, 1, c.bias());
		d = blocks(d, "decoder_level3", nb[2], c3, h[2]);
		d = nn.concatChannels(up(d, "up3_2", c3), s2);
		d = nn.conv(d, "reduce_chan_level2", c3, c2, 1, c.bias());
		d = blocks(d, "decoder_level2", nb[1], c2, h[1]);
		// level 1 keeps the concatenated width 2*dim: there is no reduce conv
		d = nn.concatChannels(up(d, "up2_1", c2), s1);
		d = blocks(d, "decoder_level1", nb[0], c2, h[0]);
		d = blocks(d, "refinement", c.numRefinementBlocks(), c2, h[0]);

		if (c.dualPixelTask()) {
			d = tf.math.add(d, nn.conv(e0, "skip_conv", c1, c2, 1, c.bias()));
			return nn.conv(d, "output", c2, c.outputChannels(), 3, c.bias());
		}
		return tf.math.add(nn.conv(d, "output", c2, c.outputChannels(), 3, c.bias()), x);
	}

	private Operand<TFloat32> down(final Operand<TFloat32> x, final String prefix, final int channels) {
		return nn.pixelUnshuffle2(nn.conv(x, prefix + ".body.0", channels, channels / 2, 3, false), channels / 2);
	}

	private Operand<TFloat32> up(final Operand<TFloat32> x, final String prefix, final int channels) {
		return nn.pixelShuffle2(nn.conv(x, prefix + ".body.0", channels, 2L * channels, 3, false), 2L * channels);
	}

	private Operand<TFloat32> blocks(Operand<TFloat32> x, final String prefix, final int count,
		final int channels, final int heads)
	{
		for (int i = 0; i < count; i++) {
			final String p = prefix + "." + i;
			x = tf.math.add(x, attention(norm(x, p + ".norm1", channels), p + ".attn", channels, heads));
			x = tf.math.add(x, feedForward(norm(x, p + ".norm2", channels), p + ".ffn", channels));
		}
		return x;
	}

	private Operand<TFloat32> norm(final Operand<TFloat32> x, final String prefix, final int channels) {
		final boolean withBias = c.layerNorm() == RestormerConfig.LayerNormType.WITH_BIAS;
		final Operand<TFloat32> w = nn.params().weight(prefix + ".body.weight", WeightLayout.AS_IS, channels);
		final Operand<TFloat32> b = withBias ? nn.params().weight(prefix + ".body.bias", WeightLayout.AS_IS,
			channels) : null;
		// BiasFree scales x itself (not x - mean) by the centred standard deviation
		return nn.layerNorm(x, w, b, LN_EPS, withBias);
	}

	/**
	 * MDTA: attention across channels (C/h x C/h per head) with spatially L2-normalised q and k. It is
	 * computed in NHWC as one C x C product with the off-head blocks masked out, and the normalisation
	 * applied to that small matrix instead of to q and k: no transposes or copies of the activations,
	 * for h-times the FLOPs of a product that is small beside the convolutions.
	 */
	private Operand<TFloat32> attention(final Operand<TFloat32> x, final String p, final int channels,
		final int heads)
	{
		final Operand<TInt32> shape = tf.shape(x);
		final Operand<TInt32> tokens = nn.stack(nn.dim(shape, 0), tf.constant(-1), tf.constant(channels));
		final Operand<TFloat32>[] qkv = qkv(x, p, channels, tokens);
		final Operand<TFloat32> q = qkv[0], k = qkv[1], v = qkv[2];
		final Operand<TInt32> spatial = tf.constant(new int[] { 1 });
		// 1 / max(||.||, 1e-12) per channel, as rows (for q) and columns (for k) of the C x C matrix
		final Operand<TFloat32> invQ = tf.math.reciprocal(tf.math.maximum(tf.linalg.euclideanNorm(q, spatial,
			org.tensorflow.op.linalg.EuclideanNorm.keepDims(true)), tf.constant(NORM_FLOOR)));
		final Operand<TFloat32> invK = tf.math.reciprocal(tf.math.maximum(tf.linalg.euclideanNorm(k, spatial,
			org.tensorflow.op.linalg.EuclideanNorm.keepDims(true)), tf.constant(NORM_FLOOR)));
		final Operand<TFloat32> temperature = nn.params().weight(p + ".temperature", WeightLayout.AS_IS, heads, 1,
			1);
		final Operand<TFloat32> rowScale = tf.math.mul(tf.linalg.transpose(invQ, tf.constant(new int[] { 0, 2,
			1 })), perChannel(temperature, heads, channels));
		// (N, C, C): S[i, j] = sum over pixels of q_i k_j
		Operand<TFloat32> a = tf.train.batchMatMul(q, k, TFloat32.class,
			org.tensorflow.op.train.BatchMatMul.adjX(true));
		a = tf.math.mul(tf.math.mul(a, rowScale), invK);
		if (heads > 1) a = tf.math.add(a, tf.constant(headMask(channels, heads)));
		a = tf.nn.softmax(a);
		// (N, HW, C): o[p, i] = sum_j A[i, j] v[p, j]
		final Operand<TFloat32> o = tf.train.batchMatMul(v, a, TFloat32.class,
			org.tensorflow.op.train.BatchMatMul.adjY(true));
		return nn.conv(tf.reshape(o, shape), p + ".project_out", channels, channels, 1, c.bias());
	}

	/** q, k and v as (N, HW, C): 1x1 conv then depthwise 3x3, each third computed on its own. */
	@SuppressWarnings("unchecked")
	private Operand<TFloat32>[] qkv(final Operand<TFloat32> x, final String p, final int channels,
		final Operand<TInt32> tokens)
	{
		final Operand<TFloat32>[] parts = new Operand[3];
		for (int i = 0; i < 3; i++) {
			final Operand<TFloat32> y = nn.convOutputs(x, p + ".qkv", channels, 3L * channels, 1, c.bias(),
				(long) i * channels, channels);
			parts[i] = tf.reshape(nn.depthwiseChannels(y, p + ".qkv_dwconv", 3L * channels, 3, c.bias(), (long) i *
				channels, channels), tokens);
		}
		return parts;
	}

	/** The per-head temperature repeated for the channels of each head, as a (C, 1) column. */
	private Operand<TFloat32> perChannel(final Operand<TFloat32> temperature, final int heads, final int channels) {
		final int[] headOfChannel = new int[channels];
		for (int ch = 0; ch < channels; ch++)
			headOfChannel[ch] = ch / (channels / heads);
		return tf.reshape(tf.gather(tf.reshape(temperature, tf.constant(new int[] { heads })), tf.constant(
			headOfChannel), tf.constant(0)), tf.constant(new int[] { channels, 1 }));
	}

	/** 0 where channels i and j belong to the same head, -inf elsewhere (softmax gives those 0). */
	private static float[][] headMask(final int channels, final int heads) {
		final int d = channels / heads;
		final float[][] m = new float[channels][channels];
		for (int i = 0; i < channels; i++)
			for (int j = 0; j < channels; j++)
				m[i][j] = i / d == j / d ? 0f : Float.NEGATIVE_INFINITY;
		return m;
	}

	/** GDFN: GELU(x1) * x2 gate between a 1x1 expansion (with depthwise 3x3) and a 1x1 projection. */
	private Operand<TFloat32> feedForward(final Operand<TFloat32> x, final String p, final int channels) {
		final int hidden = c.hiddenWidth(channels);
		final Operand<TFloat32> x1 = halfOfExpansion(x, p, channels, hidden, 0);
		final Operand<TFloat32> x2 = halfOfExpansion(x, p, channels, hidden, hidden);
		return nn.conv(tf.math.mul(nn.gelu(x1), x2), p + ".project_out", hidden, channels, 1, c.bias());
	}

	private Operand<TFloat32> halfOfExpansion(final Operand<TFloat32> x, final String p, final int channels,
		final int hidden, final int start)
	{
		final Operand<TFloat32> y = nn.convOutputs(x, p + ".project_in", channels, 2L * hidden, 1, c.bias(), start,
			hidden);
		return nn.depthwiseChannels(y, p + ".dwconv", 2L * hidden, 3, c.bias(), start, hidden);
	}
}
