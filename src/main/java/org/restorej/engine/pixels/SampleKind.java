package org.restorej.engine.pixels;

import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ByteType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.LongType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The pixel types whose primitive storage {@code PrimitiveBlocks} can copy in bulk, with how to read
 * one value of that storage; {@link #GENERIC} is every other {@link RealType}, read one pixel at a
 * time.
 */
enum SampleKind {

	UINT8, INT8, UINT16, INT16, UINT32, INT32, INT64, FLOAT32, FLOAT64, GENERIC;

	static SampleKind of(final RealType<?> type) {
		// exact classes: subclasses (e.g. of UnsignedByteType) may store differently
		final Class<?> c = type.getClass();
		if (c == UnsignedByteType.class) return UINT8;
		if (c == ByteType.class) return INT8;
		if (c == UnsignedShortType.class) return UINT16;
		if (c == ShortType.class) return INT16;
		if (c == UnsignedIntType.class) return UINT32;
		if (c == IntType.class) return INT32;
		if (c == LongType.class) return INT64;
		if (c == FloatType.class) return FLOAT32;
		if (c == DoubleType.class) return FLOAT64;
		return GENERIC;
	}

	/** Whether every value is an integer in a range of at most 2^16 (exact 65536-bin histograms). */
	boolean isSmallInteger() {
		return this == UINT8 || this == INT8 || this == UINT16 || this == INT16;
	}

	Object newArray(final int length) {
		return switch (this) {
			case UINT8, INT8 -> new byte[length];
			case UINT16, INT16 -> new short[length];
			case UINT32, INT32 -> new int[length];
			case INT64 -> new long[length];
			case FLOAT32 -> new float[length];
			case FLOAT64 -> new double[length];
			case GENERIC -> throw new IllegalStateException("generic samples are not copied in bulk");
		};
	}

	int length(final Object array) {
		return java.lang.reflect.Array.getLength(array);
	}

	/**
	 * Converts {@code count} values of a primitive array of this kind to float through {@code map},
	 * storing value {@code i} at {@code dest[start + i * stride]}.
	 */
	void convert(final Object array, final int count, final float[] dest, final int start, final int stride,
		final double scale, final double offset)
	{
		int d = start;
		switch (this) {
			case UINT8 -> {
				final byte[] a = (byte[]) array;
				for (int i = 0; i < count; i++, d += stride)
					dest[d] = (float) ((a[i] & 0xff) * scale + offset);
			}
			case INT8 -> {
				final byte[] a = (byte[]) array;
				for (int i = 0; i < count; i++, d += stride)
					dest[d] = (float) (a[i] * scale + offset);
			}
			case UINT16 -> {
				final short[] a = (short[]) array;
				for (int i = 0; i < count; i++, d += stride)
					dest[d] = (float) ((a[i] & 0xffff) * scale + offset);
			}
			case INT16 -> {
				final short[] a = (short[]) array;
				for (int i = 0; i < count; i++, d += stride)
					dest[d] = (float) (a[i] * scale + offset);
			}
			case UINT32 -> {
				final int[] a = (int[]) array;
				for (int i = 0; i < count; i++, d += stride)
					dest[d] = (float) ((a[i] & 0xffffffffL) * scale + offset);
			}
			case INT32 -> {
				final int[] a = (int[]) array;
				for (int i = 0; i < count; i++, d += stride)
					dest[d] = (float) (a[i] * scale + offset);
			}
			case INT64 -> {
				final long[] a = (long[]) array;
				for (int i = 0; i < count; i++, d += stride)
					dest[d] = (float) (a[i] * scale + offset);
			}
			case FLOAT32 -> {
				final float[] a = (float[]) array;
				if (scale == 1 && offset == 0) for (int i = 0; i < count; i++, d += stride)
					dest[d] = a[i];
				else for (int i = 0; i < count; i++, d += stride)
					dest[d] = (float) (a[i] * scale + offset);
			}
			case FLOAT64 -> {
				final double[] a = (double[]) array;
				for (int i = 0; i < count; i++, d += stride)
					dest[d] = (float) (a[i] * scale + offset);
			}
			case GENERIC -> throw new IllegalStateException("generic samples are not copied in bulk");
		}
	}
}
