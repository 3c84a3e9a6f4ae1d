package org.restorej.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The chunked rearrangement {@link ParameterStore} loads with gives the same layout as the whole-array one. */
class WeightLayoutTest {

	private static long[] shapeFor(final WeightLayout layout) {
		return switch (layout) {
			case AS_IS -> new long[] { 7, 5 };
			case CONV2D -> new long[] { 6, 5, 3, 3 };
			case DEPTHWISE -> new long[] { 6, 1, 3, 3 };
			case LINEAR -> new long[] { 9, 7 };
			case DECONV2X2 -> new long[] { 5, 3, 2, 2 };
		};
	}

	@ParameterizedTest
	@EnumSource(WeightLayout.class)
	void chunkedRunsEqualTheWholeRearrangement(final WeightLayout layout) {
		final long[] shape = shapeFor(layout);
		final int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
		final float[] src = new float[n];
		for (int i = 0; i < n; i++)
			src[i] = i;
		final float[] expected = layout.rearrange(src.clone(), shape);
		for (final int chunkSize : new int[] { 1, 7, 64, n, n + 5 }) {
			final float[] out = new float[n];
			final int[] covered = { 0 };
			layout.rearrange(src, shape, new float[chunkSize], (values, count, at) -> {
				assertEquals(covered[0], at, "runs are consecutive");
				System.arraycopy(values, 0, out, (int) at, count);
				covered[0] += count;
			});
			assertEquals(n, covered[0]);
			assertArrayEquals(expected, out, layout + " with chunks of " + chunkSize);
		}
		if (layout != WeightLayout.AS_IS) // a transpose really moves values
			assertEquals(false, Arrays.equals(src, expected));
	}
}
