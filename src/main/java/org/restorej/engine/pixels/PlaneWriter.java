package org.restorej.engine.pixels;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * Writes runs of float values into a row of a 2D plane of any {@link RealType}. Integer types get the
 * nearest value, saturated at the type's limits (NaN becomes 0): the conversion the caller chose by
 * asking for an integer output, not a hidden clamp of float data.
 */
public final class PlaneWriter<O extends RealType<O>> {

	private final RandomAccess<O> access;
	private final boolean integer;
	private final double min, max;

	private PlaneWriter(final RandomAccessibleInterval<O> plane) {
		if (plane.numDimensions() != 2) throw new IllegalArgumentException("a plane has 2 dimensions, not " +
			plane.numDimensions());
		final RandomAccessibleInterval<O> p = Views.zeroMin(plane);
		access = p.randomAccess();
		final O type = p.getType();
		integer = type instanceof IntegerType;
		min = type.getMinValue();
		max = type.getMaxValue();
	}

	/** A writer into {@code plane} (x then y; any min) seen with its min at the origin. */
	public static <O extends RealType<O>> PlaneWriter<O> of(final RandomAccessibleInterval<O> plane) {
		return new PlaneWriter<>(plane);
	}

	/** Writes {@code values[start + i * stride]} to pixel {@code (x + i, y)} for i in [0, count). */
	public void write(final long x, final long y, final float[] values, final int start, final int stride,
		final int count)
	{
		access.setPosition(x, 0);
		access.setPosition(y, 1);
		int s = start;
		for (int i = 0; i < count; i++, s += stride) {
			access.get().setReal(integer ? saturate(values[s]) : values[s]);
			access.fwd(0);
		}
	}

	private double saturate(final float v) {
		if (Float.isNaN(v)) return 0;
		return Math.max(min, Math.min(max, Math.floor(v + 0.5)));
	}
}
