package org.restorej.data;

import java.util.SplittableRandom;

/**
 * Exact Poisson variates for photon counts: inversion (multiplying uniforms) for small means and Hörmann's
 * transformed rejection (PTRS, 1993) for means of 10 and more, where inversion would take ~mean steps.
 */
public final class PoissonSampler {

	private PoissonSampler() {}

	public static long sample(final double mean, final SplittableRandom random) {
		if (!(mean >= 0)) throw new IllegalArgumentException("Poisson mean must be >= 0: " + mean);
		if (mean == 0) return 0;
		return mean < 10 ? inversion(mean, random) : transformedRejection(mean, random);
	}

	private static long inversion(final double mean, final SplittableRandom random) {
		final double limit = Math.exp(-mean);
		long k = 0;
		double product = random.nextDouble();
		while (product > limit) {
			k++;
			product *= random.nextDouble();
		}
		return k;
	}

	private static long transformedRejection(final double mean, final SplittableRandom random) {
		final double sqrt = Math.sqrt(mean), logMean = Math.log(mean);
		final double b = 0.931 + 2.53 * sqrt;
		final double a = -0.059 + 0.02483 * b;
		final double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
		final double vr = 0.9277 - 3.6224 / (b - 2);
		while (true) {
			final double u = random.nextDouble() - 0.5;
			final double v = random.nextDouble();
			final double us = 0.5 - Math.abs(u);
			final long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
			if (us >= 0.07 && v <= vr) return k;
			if (k < 0 || us < 0.013 && v > us) continue;
			if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logMean -
				logFactorial(k)) return k;
		}
	}

	/** ln(k!): exact sums up to 20, Stirling's series beyond (error below 1e-10 there). */
	static double logFactorial(final long k) {
		if (k < 2) return 0;
		if (k <= 20) {
			double s = 0;
			for (long i = 2; i <= k; i++)
				s += Math.log(i);
			return s;
		}
		final double n = k + 1.0;
		return (n - 0.5) * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * n) - 1 / (360 * n * n * n);
	}
}
