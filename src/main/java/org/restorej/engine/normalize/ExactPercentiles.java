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
		check(percents);
		if (scan.smallIntegers()) return fromHistogram(histogram(scan), percents);
		final long[] top = topHistogram(scan);
		final int[] buckets = buckets(top, percents);
		return fromHistograms(top, buckets, lowHistogram(scan, buckets), percents);
	}

	/*
	 * The passes of of(), public so that scans of disjoint parts of an image (e.g. a cluster's tasks) can
	 * be merged with merge() and give exactly the percentiles of one scan of the whole image.
	 */

	/** 8- and 16-bit data ({@link SampleScan#smallIntegers()}): a count per value. */
	public static long[] histogram(final SampleScan<?> scan) {
		return scan.run(() -> new long[SMALL_INT_BINS], (h, v, n) -> {
			for (int i = 0; i < n; i++)
				h[(int) v[i] + SMALL_INT_OFFSET]++;
		}, ExactPercentiles::merge);
	}

	/** The percentiles of the values counted by {@link #histogram}. */
	public static double[] fromHistogram(final long[] hist, final double... percents) {
		check(percents);
		final long total = Arrays.stream(hist).sum();
		return interpolate(percents, total, rank -> locate(hist, rank)[0] - SMALL_INT_OFFSET);
	}

	/** Float data, first pass: counts of the top 16 bits of the sortable bits of every non-NaN value. */
	public static long[] topHistogram(final SampleScan<?> scan) {
		return scan.run(() -> new long[65536], (h, v, n) -> {
			for (int i = 0; i < n; i++)
				if (v[i] == v[i]) h[sortable(v[i]) >>> 16]++;
		}, ExactPercentiles::merge);
	}

	/** The top-bit buckets holding the ranks the percentiles need, in the order the second pass counts them. */
	public static int[] buckets(final long[] top, final double... percents) {
		final long total = Arrays.stream(top).sum();
		final Map<Integer, Integer> slot = new LinkedHashMap<>();
		for (final long r : ranks(percents, total))
			slot.putIfAbsent((int) locate(top, r)[0], slot.size());
		return slot.keySet().stream().mapToInt(Integer::intValue).toArray();
	}

	/** Float data, second pass: counts of the low 16 bits of the values in each of {@code buckets}. */
	public static long[] lowHistogram(final SampleScan<?> scan, final int[] buckets) {
		final int[] bucketOf = new int[65536];
		Arrays.fill(bucketOf, -1);
		for (int s = 0; s < buckets.length; s++)
			bucketOf[buckets[s]] = s;
		return scan.run(() -> new long[buckets.length * 65536], (h, v, n) -> {
			for (int i = 0; i < n; i++)
				if (v[i] == v[i]) {
					final int key = sortable(v[i]);
					final int s = bucketOf[key >>> 16];
					if (s >= 0) h[s * 65536 + (key & 0xffff)]++;
				}
		}, ExactPercentiles::merge);
	}

	/** The percentiles of float data from its two passes. */
	public static double[] fromHistograms(final long[] top, final int[] buckets, final long[] low,
		final double... percents)
	{
		check(percents);
		final long total = Arrays.stream(top).sum();
		final Map<Integer, Integer> slot = new LinkedHashMap<>();
		for (int s = 0; s < buckets.length; s++)
			slot.put(buckets[s], s);
		return interpolate(percents, total, rank -> {
			final long[] where = locate(top, rank);
			final int s = slot.get((int) where[0]);
			final long[] inBucket = locate(Arrays.copyOfRange(low, s * 65536, (s + 1) * 65536), where[1]);
			return fromSortable((int) (where[0] << 16 | inBucket[0]));
		});
	}

	/** Adds the counts of {@code b} to {@code a} (same pass, same length) and returns {@code a}. */
	public static long[] merge(final long[] a, final long[] b) {
		if (a.length != b.length) throw new IllegalArgumentException("counts of different passes: " + a.length + ", " +
			b.length + " bins");
		for (int i = 0; i < a.length; i++)
			a[i] += b[i];
		return a;
	}

	private static void check(final double[] percents) {
		for (final double p : percents)
			if (!(p >= 0 && p <= 100)) throw new IllegalArgumentException("percentiles are in [0, 100]: " + p);
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

	/** Float bits reordered so that unsigned integer order is numeric order. */
	static int sortable(final float v) {
		final int bits = Float.floatToRawIntBits(v);
		return bits ^ (bits >> 31 | 0x80000000);
	}

	static float fromSortable(final int key) {
		return Float.intBitsToFloat(key < 0 ? key ^ 0x80000000 : ~key);
	}
}
