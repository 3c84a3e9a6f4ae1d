package org.restorej.engine.normalize;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exact percentiles of every non-NaN value of a {@link SampleScan}, with the linear interpolation
 * between order statistics that NumPy's {@code percentile} uses by default, without sorting or copying
 * the values. 8- and 16-bit data take one pass with a 64-bit counter per value. Float data take two
 * passes of radix selection on the float's bits made sortable as unsigned integers: the first counts
 * the top 16 bits, the second the low 16 bits within the few top-bit buckets that hold the wanted
 * ranks.
 */
public final class ExactPercentiles {

	private static final int SMALL_INT_OFFSET = 32768;
	private static final int SMALL_INT_BINS = 65536 + SMALL_INT_OFFSET;

	private ExactPercentiles() {}

	/** The percentiles ({@code 0..100}) of the scanned values. */
	public static double[] of(final SampleScan<?> scan, final double... percents) {
		for (final double p : percents)
			if (!(p >= 0 && p <= 100)) throw new IllegalArgumentException("percentiles are in [0, 100]: " + p);
		return scan.smallIntegers() ? smallIntegers(scan, percents) : floats(scan, percents);
	}

	private static double[] smallIntegers(final SampleScan<?> scan, final double[] percents) {
		final long[] hist = scan.run(() -> new long[SMALL_INT_BINS], (h, v, n) -> {
			for (int i = 0; i < n; i++)
				h[(int) v[i] + SMALL_INT_OFFSET]++;
		}, ExactPercentiles::sum);
		final long total = Arrays.stream(hist).sum();
		return interpolate(percents, total, rank -> locate(hist, rank)[0] - SMALL_INT_OFFSET);
	}

	private static double[] floats(final SampleScan<?> scan, final double[] percents) {
		final long[] top = scan.run(() -> new long[65536], (h, v, n) -> {
			for (int i = 0; i < n; i++)
				if (v[i] == v[i]) h[sortable(v[i]) >>> 16]++;
		}, ExactPercentiles::sum);
		final long total = Arrays.stream(top).sum();
		// the top-bit buckets holding the ranks we need, each with its own low-bit histogram
		final Map<Integer, Integer> slot = new LinkedHashMap<>();
		final long[] ranks = ranks(percents, total);
		for (final long r : ranks)
			slot.putIfAbsent((int) locate(top, r)[0], slot.size());
		final int[] bucketOf = new int[65536];
		Arrays.fill(bucketOf, -1);
		slot.forEach((bucket, s) -> bucketOf[bucket] = s);
		final int buckets = slot.size();
		final long[] low = scan.run(() -> new long[buckets * 65536], (h, v, n) -> {
			for (int i = 0; i < n; i++)
				if (v[i] == v[i]) {
					final int key = sortable(v[i]);
					final int s = bucketOf[key >>> 16];
					if (s >= 0) h[s * 65536 + (key & 0xffff)]++;
				}
		}, ExactPercentiles::sum);
		return interpolate(percents, total, rank -> {
			final long[] where = locate(top, rank);
			final int s = slot.get((int) where[0]);
			final long[] inBucket = locate(Arrays.copyOfRange(low, s * 65536, (s + 1) * 65536), where[1]);
			return fromSortable((int) (where[0] << 16 | inBucket[0]));
		});
	}

	/** The 0-based ranks whose values the interpolation needs (each percentile: floor and next). */
	private static long[] ranks(final double[] percents, final long total) {
		final long[] r = new long[2 * percents.length];
		for (int i = 0; i < percents.length; i++) {
			final double pos = position(percents[i], total);
			r[2 * i] = (long) Math.floor(pos);
			r[2 * i + 1] = Math.min(total - 1, r[2 * i] + 1);
		}
		return r;
	}

	private static double position(final double percent, final long total) {
		if (total == 0) throw new IllegalArgumentException("no values to take percentiles of (empty or all NaN)");
		return percent / 100 * (total - 1);
	}

	private interface RankValue {
		double at(long rank);
	}

	private static double[] interpolate(final double[] percents, final long total, final RankValue value) {
		final double[] out = new double[percents.length];
		for (int i = 0; i < percents.length; i++) {
			final double pos = position(percents[i], total);
			final long k = (long) Math.floor(pos);
			final double frac = pos - k;
			final double lo = value.at(k);
			out[i] = frac == 0 || k + 1 >= total ? lo : lo + frac * (value.at(k + 1) - lo);
		}
		return out;
	}

	/** The bin holding the value of 0-based {@code rank}, and the rank within that bin. */
	private static long[] locate(final long[] hist, final long rank) {
		long seen = 0;
		for (int b = 0; b < hist.length; b++) {
			if (rank < seen + hist[b]) return new long[] { b, rank - seen };
			seen += hist[b];
		}
		throw new IllegalArgumentException("rank " + rank + " beyond " + seen + " values");
	}

	private static long[] sum(final long[] a, final long[] b) {
		for (int i = 0; i < a.length; i++)
			a[i] += b[i];
		return a;
	}

	/** Float bits reordered so that unsigned integer order is numeric order. */
	static int sortable(final float v) {
		final int bits = Float.floatToRawIntBits(v);
		return bits ^ (bits >> 31 | 0x80000000);
	}

	static float fromSortable(final int key) {
		return Float.intBitsToFloat(key < 0 ? key ^ 0x80000000 : ~key);
	}
}
