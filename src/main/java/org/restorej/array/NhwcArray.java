package org.restorej.array;

/**
 * A batch of float32 images in the layout the graphs use: {@code data[((n*H + y)*W + x)*C + c]}.
 */
public record NhwcArray(int batch, int height, int width, int channels, float[] data) {

	public NhwcArray {
		if ((long) batch * height * width * channels != data.length)
			throw new IllegalArgumentException("NHWC " + batch + "x" + height + "x" + width + "x" + channels +
				" does not hold " + data.length + " values");
	}

	public static NhwcArray zeros(final int batch, final int height, final int width, final int channels) {
		return new NhwcArray(batch, height, width, channels, new float[batch * height * width * channels]);
	}

	/** From NCHW data (the PyTorch and .npy layout). */
	public static NhwcArray fromNchw(final float[] nchw, final int batch, final int channels,
		final int height, final int width)
	{
		final float[] out = new float[nchw.length];
		final int plane = height * width;
		for (int n = 0; n < batch; n++)
			for (int c = 0; c < channels; c++)
				for (int i = 0; i < plane; i++)
					out[(n * plane + i) * channels + c] = nchw[(n * channels + c) * plane + i];
		return new NhwcArray(batch, height, width, channels, out);
	}

	public float[] toNchw() {
		final float[] out = new float[data.length];
		final int plane = height * width;
		for (int n = 0; n < batch; n++)
			for (int c = 0; c < channels; c++)
				for (int i = 0; i < plane; i++)
					out[(n * channels + c) * plane + i] = data[(n * plane + i) * channels + c];
		return out;
	}

	public float get(final int n, final int y, final int x, final int c) {
		return data[((n * height + y) * width + x) * channels + c];
	}

	public long[] nchwShape() {
		return new long[] { batch, channels, height, width };
	}

	/** The rectangle {@code [top, top+h) x [left, left+w)} of every image. */
	public NhwcArray crop(final int top, final int left, final int h, final int w) {
		final NhwcArray out = zeros(batch, h, w, channels);
		for (int n = 0; n < batch; n++)
			for (int y = 0; y < h; y++)
				System.arraycopy(data, ((n * height + top + y) * width + left) * channels, out.data,
					(n * h + y) * w * channels, w * channels);
		return out;
	}
}
