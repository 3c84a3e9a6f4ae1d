package org.restorej.bench;

import java.util.Arrays;

/**
 * One network's forward time in one runtime, or why it was not measured.
 *
 * @param seconds every timed run (empty when missing)
 * @param missing why there is no figure ({@code null} when measured)
 */
public record Timing(double[] seconds, String missing) {

	public Timing {
		seconds = seconds == null ? new double[0] : seconds.clone();
		if ((seconds.length == 0) == (missing == null))
			throw new IllegalArgumentException("a timing has either runs or a reason for their absence");
	}

	public static Timing measured(final double... seconds) {
		return new Timing(seconds, null);
	}

	public static Timing missing(final String why) {
		return new Timing(null, why);
	}

	public boolean isMeasured() {
		return missing == null;
	}

	/** The median run (the upper one of an even count), NaN when missing. */
	public double median() {
		if (!isMeasured()) return Double.NaN;
		final double[] s = seconds.clone();
		Arrays.sort(s);
		return s[s.length / 2];
	}
}
