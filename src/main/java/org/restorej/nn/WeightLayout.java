package org.restorej.nn;

/**
 * How a PyTorch parameter is rearranged into the layout the TensorFlow graph uses. The graph is NHWC,
 * so convolution kernels move their spatial axes first and linear weights are transposed once at
 * load time instead of at every forward pass.
 */
public enum WeightLayout {

	/** Stored as it is (biases, norms, scalars). */
	AS_IS,
	/** Conv2d {@code [out, in, kh, kw]} to TensorFlow's HWIO {@code [kh, kw, in, out]}. */
	CONV2D,
	/** Depthwise Conv2d {@code [C, 1, kh, kw]} to {@code [kh, kw, C, 1]}. */
	DEPTHWISE,
	/** Linear {@code [out, in]} to a right-multiplied matrix {@code [in, out]}. */
	LINEAR,
	/**
	 * ConvTranspose2d with kernel 2, stride 2, {@code [in, out, 2, 2]} to a matrix
	 * {@code [in, (i, j, out)]} whose product with a pixel gives TensorFlow's depth_to_space channel order.
	 */
	DECONV2X2;

	/** TensorFlow shape for a parameter of the given PyTorch shape. */
	public long[] tfShape(final long[] s) {
		return switch (this) {
			case AS_IS -> s.clone();
			case CONV2D -> new long[] { s[2], s[3], s[1], s[0] };
			case DEPTHWISE -> new long[] { s[2], s[3], s[0], 1 };
			case LINEAR -> new long[] { s[1], s[0] };
			case DECONV2X2 -> new long[] { s[0], s[2] * s[3] * s[1] };
		};
	}

	/** Rearranges row-major PyTorch data into the row-major TensorFlow layout. */
	public float[] rearrange(final float[] src, final long[] s) {
		final int[] perm = torchToTf();
		return perm == null ? src : permute(src, s, perm);
	}

	/**
	 * The inverse of {@link #rearrange}: TensorFlow-layout values of a parameter of PyTorch shape {@code s}
	 * back in PyTorch order (to export trained weights through the same path as a checkpoint).
	 */
	public float[] toTorch(final float[] tfData, final long[] s) {
		final int[] perm = torchToTf();
		if (perm == null) return tfData;
		final long[] permuted = new long[s.length];
		final int[] inverse = new int[perm.length];
		for (int k = 0; k < perm.length; k++) {
			permuted[k] = s[perm[k]];
			inverse[perm[k]] = k;
		}
		return permute(tfData, permuted, inverse);
	}

	/** Output axis k of the TensorFlow layout is PyTorch axis {@code perm[k]}; null when nothing moves. */
	private int[] torchToTf() {
		return switch (this) {
			case AS_IS -> null;
			case CONV2D -> new int[] { 2, 3, 1, 0 };
			case DEPTHWISE -> new int[] { 2, 3, 0, 1 };
			case LINEAR -> new int[] { 1, 0 };
			// [in, out, i, j] -> [in, i, j, out], then rows of (i, j, out)
			case DECONV2X2 -> new int[] { 0, 2, 3, 1 };
		};
	}

	/** Receives the rearranged values in consecutive runs. */
	@FunctionalInterface
	public interface RunSink {

		/** {@code values[0 .. count)} are the output elements starting at index {@code at}. */
		void accept(float[] values, int count, long at);
	}

	/**
	 * Rearranges like {@link #rearrange(float[], long[])}, but hands the result to {@code sink} in runs of
	 * at most {@code chunk.length} values written into {@code chunk} (reused from run to run), so that no
	 * second array of the tensor's size is allocated. {@link #AS_IS} passes {@code src} itself as one run.
	 */
	public void rearrange(final float[] src, final long[] s, final float[] chunk, final RunSink sink) {
		final int[] perm = torchToTf();
		if (perm == null) sink.accept(src, src.length, 0);
		else permute(src, s, perm, chunk, sink);
	}

	/** Generic row-major transpose: output axis k is input axis {@code perm[k]}. */
	static float[] permute(final float[] src, final long[] shape, final int[] perm) {
		final float[] out = new float[src.length];
		permute(src, shape, perm, out, (values, count, at) -> {});
		return out;
	}

	/** The transpose in output order, through {@code chunk} in runs handed to {@code sink}. */
	private static void permute(final float[] src, final long[] shape, final int[] perm, final float[] chunk,
		final RunSink sink)
	{
		final int rank = shape.length;
		final int[] dims = new int[rank];
		for (int i = 0; i < rank; i++)
			dims[i] = Math.toIntExact(shape[i]);
		final int[] srcStride = new int[rank];
		int st = 1;
		for (int i = rank - 1; i >= 0; i--) {
			srcStride[i] = st;
			st *= dims[i];
		}
		final int[] outDims = new int[rank];
		final int[] strideByOutAxis = new int[rank];
		for (int k = 0; k < rank; k++) {
			outDims[k] = dims[perm[k]];
			strideByOutAxis[k] = srcStride[perm[k]];
		}
		final int[] idx = new int[rank];
		int filled = 0;
		for (int o = 0; o < src.length; o++) {
			int srcIndex = 0;
			for (int k = 0; k < rank; k++)
				srcIndex += idx[k] * strideByOutAxis[k];
			chunk[filled++] = src[srcIndex];
			if (filled == chunk.length) {
				sink.accept(chunk, filled, o + 1 - filled);
				filled = 0;
			}
			for (int k = rank - 1; k >= 0; k--) {
				if (++idx[k] < outDims[k]) break;
				idx[k] = 0;
			}
		}
		if (filled > 0) sink.accept(chunk, filled, src.length - filled);
	}
}
