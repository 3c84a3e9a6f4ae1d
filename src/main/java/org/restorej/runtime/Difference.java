package org.restorej.runtime;

/**
 * How far an output is from a reference: the largest absolute difference and the relative L2 error
 * {@code ||a - b|| / ||b||} over the whole tensor.
 */
public record Difference(double maxAbs, double relL2) {

	public static Difference between(final float[] actual, final double[] reference) {
		if (actual.length != reference.length) throw new IllegalArgumentException("sizes differ: " +
			actual.length + " vs " + reference.length);
		double max = 0, num = 0, den = 0;
		for (int i = 0; i < actual.length; i++) {
			final double d = actual[i] - reference[i];
			max = Math.max(max, Math.abs(d));
			num += d * d;
			den += reference[i] * reference[i];
		}
		return new Difference(max, den == 0 ? Math.sqrt(num) : Math.sqrt(num / den));
	}

	public static Difference between(final float[] actual, final float[] reference) {
		final double[] r = new double[reference.length];
		for (int i = 0; i < r.length; i++)
			r[i] = reference[i];
		return between(actual, r);
	}

	@Override
	public String toString() {
		return String.format("max-abs %.3g, rel-L2 %.3g", maxAbs, relL2);
	}
}
