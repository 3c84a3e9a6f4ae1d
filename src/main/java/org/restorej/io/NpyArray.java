package org.restorej.io;

import java.util.Arrays;

/**
 * An n-dimensional array read from or written to a NumPy {@code .npy} file: its shape and its values in
 * row-major (C) order. Values are kept as double so that float64 references keep their precision.
 */
public record NpyArray(long[] shape, double[] values) {

	public NpyArray {
		if (Arrays.stream(shape).reduce(1, Math::multiplyExact) != values.length)
			throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " +
				values.length + " values");
	}

	public static NpyArray of(final long[] shape, final float[] values) {
		final double[] d = new double[values.length];
		for (int i = 0; i < d.length; i++)
			d[i] = values[i];
		return new NpyArray(shape.clone(), d);
	}

	public float[] floats() {
		final float[] f = new float[values.length];
		for (int i = 0; i < f.length; i++)
			f[i] = (float) values[i];
		return f;
	}

	public int rank() {
		return shape.length;
	}

	public int dim(final int axis) {
		return Math.toIntExact(shape[axis]);
	}
}
