package org.restorej.engine.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.position.FunctionRandomAccessible;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

class ExactPercentilesTest {

	private static final double[] PERCENTS = { 0, 0.1, 1, 2.5, 25, 50, 77.7, 99, 99.8, 100 };

	/** NumPy's default percentile: linear interpolation between order statistics of the sorted values. */
	private static double numpyPercentile(final double[] sorted, final double p) {
		final double pos = p / 100 * (sorted.length - 1);
		final int k = (int) Math.floor(pos);
		return k + 1 < sorted.length ? sorted[k] + (pos - k) * (sorted[k + 1] - sorted[k]) : sorted[k];
	}

	private static <T extends net.imglib2.type.numeric.RealType<T>> SampleScan<T> scan(
		final RandomAccessibleInterval<T> plane, final int threads)
	{
		return new SampleScan<>(List.of(plane), threads, () -> {});
	}

	@Test
	void floatPercentilesEqualSortingWithNegativesDuplicatesAndNaN() {
		final SplittableRandom r = new SplittableRandom(1);
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(301, 213);
		final float[] a = img.update(null).getCurrentStorageArray();
		for (int i = 0; i < a.length; i++)
			a[i] = switch (i % 7) {
				case 0 -> (float) Math.round(r.nextGaussian() * 3); // many duplicates
				case 1 -> Float.NaN; // ignored
				case 2 -> (float) (r.nextDouble() * 1e-30); // tiny values near zero
				default -> (float) (r.nextGaussian() * 1000);
			};
		final double[] sorted = Arrays.stream(toDoubles(a)).filter(v -> !Double.isNaN(v)).sorted().toArray();
		for (final int threads : new int[] { 1, 2 }) {
			final double[] got = ExactPercentiles.of(scan(img, threads), PERCENTS);
			for (int i = 0; i < PERCENTS.length; i++)
				assertEquals(numpyPercentile(sorted, PERCENTS[i]), got[i], 0, "percentile " + PERCENTS[i]);
		}
	}

	@Test
	void eightAndSixteenBitPercentilesEqualSorting() {
		final SplittableRandom r = new SplittableRandom(2);
		final ArrayImg<UnsignedShortType, ?> u16 = ArrayImgs.unsignedShorts(333, 101);
		final ArrayImg<UnsignedByteType, ?> u8 = ArrayImgs.unsignedBytes(333, 101);
		final double[] v16 = new double[333 * 101], v8 = new double[333 * 101];
		int i = 0;
		for (final UnsignedShortType t : u16) {
			t.set((int) Math.min(65535, Math.abs(r.nextGaussian()) * 9000));
			v16[i++] = t.get();
		}
		i = 0;
		for (final UnsignedByteType t : u8) {
			t.set(r.nextInt(256));
			v8[i++] = t.get();
		}
		Arrays.sort(v16);
		Arrays.sort(v8);
		final double[] g16 = ExactPercentiles.of(scan(u16, 2), PERCENTS), g8 = ExactPercentiles.of(scan(u8, 1), PERCENTS);
		for (int k = 0; k < PERCENTS.length; k++) {
			assertEquals(numpyPercentile(v16, PERCENTS[k]), g16[k], 1e-9);
			assertEquals(numpyPercentile(v8, PERCENTS[k]), g8[k], 1e-9);
		}
	}

	@Test
	void percentilesOverSeveralPlanesPoolTheirValues() {
		final ArrayImg<FloatType, FloatArray> a = ArrayImgs.floats(new float[] { 1, 2, 3, 4 }, 2, 2);
		final ArrayImg<FloatType, FloatArray> b = ArrayImgs.floats(new float[] { 10, 20, 30, 40, 50, 60 }, 3, 2);
		final double[] p = ExactPercentiles.of(new SampleScan<>(List.of(a, b), 1, () -> {}), 0, 50, 100);
		assertEquals(1, p[0]);
		assertEquals(15, p[1]); // median of 1 2 3 4 10 20 30 40 50 60
		assertEquals(60, p[2]);
	}

	/** Scans of the 3 x 2 pieces of {@code image} (cut at uneven places), as tasks of a cluster job see it. */
	private static <T extends net.imglib2.type.numeric.RealType<T>> List<SampleScan<T>> pieces(
		final RandomAccessibleInterval<T> image)
	{
		final long[] xs = { 0, 37, 200, image.dimension(0) }, ys = { 0, 101, image.dimension(1) };
		final List<SampleScan<T>> scans = new java.util.ArrayList<>();
		for (int j = 0; j + 1 < ys.length; j++)
			for (int i = 0; i + 1 < xs.length; i++)
				scans.add(scan(Views.interval(image, new long[] { xs[i], ys[j] }, new long[] { xs[i + 1] - 1, ys[j + 1]
					- 1 }), 1));
		return scans;
	}

	@Test
	void mergedPassesOverPiecesEqualOneScanOfTheWhole() {
		final SplittableRandom r = new SplittableRandom(5);
		final ArrayImg<FloatType, FloatArray> floats = ArrayImgs.floats(301, 213);
		final float[] a = floats.update(null).getCurrentStorageArray();
		for (int i = 0; i < a.length; i++)
			a[i] = i % 11 == 0 ? Float.NaN : (float) (r.nextGaussian() * 50);
		final List<SampleScan<FloatType>> floatPieces = pieces(floats);
		final long[] top = floatPieces.stream().map(ExactPercentiles::topHistogram).reduce(ExactPercentiles::merge)
			.orElseThrow();
		final int[] buckets = ExactPercentiles.buckets(top, PERCENTS);
		final long[] low = floatPieces.stream().map(s -> ExactPercentiles.lowHistogram(s, buckets)).reduce(
			ExactPercentiles::merge).orElseThrow();
		final double[] whole = ExactPercentiles.of(scan(floats, 2), PERCENTS);
		final double[] merged = ExactPercentiles.fromHistograms(top, buckets, low, PERCENTS);
		for (int i = 0; i < PERCENTS.length; i++)
			assertEquals(whole[i], merged[i], 0, "float percentile " + PERCENTS[i]);

		final ArrayImg<UnsignedShortType, net.imglib2.img.basictypeaccess.array.ShortArray> shorts = ArrayImgs
			.unsignedShorts(301, 213);
		final short[] b = shorts.update(null).getCurrentStorageArray();
		for (int i = 0; i < b.length; i++)
			b[i] = (short) r.nextInt(65536);
		final long[] hist = pieces(shorts).stream().map(ExactPercentiles::histogram).reduce(ExactPercentiles::merge)
			.orElseThrow();
		final double[] wholeShorts = ExactPercentiles.of(scan(shorts, 2), PERCENTS);
		final double[] mergedShorts = ExactPercentiles.fromHistogram(hist, PERCENTS);
		for (int i = 0; i < PERCENTS.length; i++)
			assertEquals(wholeShorts[i], mergedShorts[i], 0, "16-bit percentile " + PERCENTS[i]);
		assertTrue(wholeShorts[9] > 60000 && wholeShorts[0] < 5, "the 16-bit values span the range: " + Arrays.toString(
			wholeShorts));
	}

	@Test
	void allNaNIsAnError() {
		final ArrayImg<FloatType, FloatArray> a = ArrayImgs.floats(new float[] { Float.NaN, Float.NaN }, 2, 1);
		assertThrows(IllegalArgumentException.class, () -> ExactPercentiles.of(scan(a, 1), 50));
	}

	/** f(u) = u^2 / 65535 for every 16-bit u (a table of the map, not of the image). */
	private static final int[] F = new int[65536];
	static {
		for (int u = 0; u < F.length; u++)
			F[u] = (int) f(u);
	}

	/** The 16-bit value of the procedural image at (x, y): each row holds every u once, mapped by f. */
	private static int value(final long x, final long y) {
		return F[(int) (x + 7919 * y) & 0xffff];
	}

	/**
	 * An image of 65536 x 32769 = 2^31 + 2^16 pixels, computed on access and never allocated, whose
	 * sorted values are known by construction: every row is a permutation of u = 0..65535 mapped
	 * through the increasing f(u) = u^2 / 65535, so the value of rank i is f(i / 32769).
	 */
	@Test
	void exactOnMoreThanTwoToThe31PixelsComputedOnAccess() {
		final long width = 65536, height = 32769, n = width * height;
		assertTrue(n > 1L << 31);
		final RandomAccessibleInterval<UnsignedShortType> huge = Views.interval(new FunctionRandomAccessible<>(2, (pos,
			t) -> t.set(value(pos.getLongPosition(0), pos.getLongPosition(1))), UnsignedShortType::new), new long[] { 0,
				0 }, new long[] { width - 1, height - 1 });
		final double[] percents = { 0, 0.5, 1, 33.3, 50, 99.5, 99.9999, 100 };
		final double[] got = ExactPercentiles.of(scan(huge, Runtime.getRuntime().availableProcessors()), percents);
		for (int i = 0; i < percents.length; i++) {
			final double pos = percents[i] / 100 * (n - 1);
			final long k = (long) Math.floor(pos);
			final double lo = f(k / height), hi = f(Math.min(n - 1, k + 1) / height);
			assertEquals(lo + (pos - k) * (hi - lo), got[i], 1e-6, "percentile " + percents[i]);
		}
	}

	private static double f(final long u) {
		return u * u / 65535L;
	}

	private static double[] toDoubles(final float[] a) {
		final double[] d = new double[a.length];
		for (int i = 0; i < a.length; i++)
			d[i] = a[i];
		return d;
	}
}
