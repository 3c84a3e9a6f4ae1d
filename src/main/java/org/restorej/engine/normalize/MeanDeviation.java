package org.restorej.engine.normalize;

/**
 * Mean and (population) standard deviation of every non-NaN value of a {@link SampleScan}, and the map
 * that standardises with them. Each chunk is summed around its own mean and the chunks are merged with
 * Chan et al.'s pairwise update, so that 16-bit images of billions of pixels keep their precision.
 */
public final class MeanDeviation {

	private MeanDeviation() {}

	/** {@code {count, mean, sum of squared deviations}} of one group of values. */
	private static double[] chunk(final float[] v, final int n) {
		long count = 0;
		double sum = 0;
		for (int i = 0; i < n; i++)
			if (v[i] == v[i]) {
				count++;
				sum += v[i];
			}
		if (count == 0) return new double[3];
		final double mean = sum / count;
		double m2 = 0;
		for (int i = 0; i < n; i++)
			if (v[i] == v[i]) m2 += (v[i] - mean) * (v[i] - mean);
		return new double[] { count, mean, m2 };
	}

	private static double[] merge(final double[] a, final double[] b) {
		if (b[0] == 0) return a;
		if (a[0] == 0) return b;
		final double n = a[0] + b[0], delta = b[1] - a[1];
		return new double[] { n, a[1] + delta * b[0] / n, a[2] + b[2] + delta * delta * a[0] * b[0] / n };
	}

	/** {@code {mean, standard deviation}} of the scanned values. */
	public static double[] of(final SampleScan<?> scan) {
		final double[] s = scan.run(() -> new double[3], (acc, v, n) -> {
			final double[] m = merge(acc, chunk(v, n));
			System.arraycopy(m, 0, acc, 0, 3);
		}, MeanDeviation::merge);
		if (s[0] == 0) throw new IllegalArgumentException("no values to standardise (empty or all NaN)");
		return new double[] { s[1], Math.sqrt(s[2] / s[0]) };
	}

	/** {@code (v - mean) / std}; a constant image (std 0) is only shifted, rather than divided by zero. */
	public static Affine standardizing(final double[] meanStd) {
		return meanStd[1] > 0 ? new Affine(1 / meanStd[1], -meanStd[0] / meanStd[1]) : new Affine(1, -meanStd[0]);
	}
}
