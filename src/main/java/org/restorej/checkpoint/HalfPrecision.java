package org.restorej.checkpoint;

/** Widening of 16-bit floating-point formats to float (Java 17 has no Float.float16ToFloat). */
final class HalfPrecision {

	private HalfPrecision() {}

	/** IEEE 754 binary16: 1 sign, 5 exponent (bias 15), 10 mantissa bits. Exact. */
	static float float16ToFloat(final short bits) {
		final int h = bits & 0xffff;
		final int sign = (h & 0x8000) << 16;
		final int exponent = (h >>> 10) & 0x1f;
		final int mantissa = h & 0x3ff;
		if (exponent == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13); // inf, NaN
		if (exponent == 0) {
			// zero or subnormal: mantissa * 2^-24, exactly representable in float
			final float magnitude = mantissa * 0x1p-24f;
			return sign == 0 ? magnitude : -magnitude;
		}
		return Float.intBitsToFloat(sign | (exponent + 127 - 15) << 23 | mantissa << 13);
	}

	/** bfloat16 is the upper half of a float32. Exact. */
	static float bfloat16ToFloat(final short bits) {
		return Float.intBitsToFloat((bits & 0xffff) << 16);
	}
}
