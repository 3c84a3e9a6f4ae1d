package org.restorej.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HalfPrecisionTest {

	/** All 65536 float16 patterns against the textbook formula evaluated in double. */
	@Test
	void everyFloat16PatternMatchesTheDefinition() {
		for (int bits = 0; bits < 0x10000; bits++) {
			final int sign = bits >>> 15;
			final int exponent = (bits >>> 10) & 0x1f;
			final int mantissa = bits & 0x3ff;
			final float actual = HalfPrecision.float16ToFloat((short) bits);
			if (exponent == 0x1f) {
				if (mantissa == 0) assertEquals(sign == 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY, actual);
				else assertTrue(Float.isNaN(actual), Integer.toHexString(bits));
				continue;
			}
			final double magnitude = exponent == 0 ? Math.scalb((double) mantissa, -24)
				: Math.scalb(1 + mantissa / 1024.0, exponent - 15);
			final double expected = sign == 0 ? magnitude : -magnitude;
			assertEquals((float) expected, actual, "pattern 0x" + Integer.toHexString(bits));
			assertEquals(Float.floatToIntBits((float) expected), Float.floatToIntBits(actual), "sign of zero");
		}
	}

	@Test
	void bfloat16IsTheUpperHalfOfFloat32() {
		assertEquals(1f, HalfPrecision.bfloat16ToFloat((short) 0x3F80));
		assertEquals(-2.5f, HalfPrecision.bfloat16ToFloat((short) 0xC020));
		assertEquals(Float.NEGATIVE_INFINITY, HalfPrecision.bfloat16ToFloat((short) 0xFF80));
		for (int bits = 0; bits < 0x10000; bits += 7)
			assertEquals(bits << 16, Float.floatToRawIntBits(HalfPrecision.bfloat16ToFloat((short) bits)));
	}
}
