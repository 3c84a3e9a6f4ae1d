package org.restorej.bench;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.position.FunctionRandomAccessible;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** Deterministic test images with structure at several scales, as restorations see in practice. */
public final class Patterns {

	private Patterns() {}

	/** The random parameters of one pattern: waves (period, angle, phase) and discs (x, y, radius). */
	private record Params(double[][] waves, double[][] discs) {
		static Params of(final long seed) {
			final SplittableRandom r = new SplittableRandom(seed);
			final double[][] waves = new double[5][];
			for (int k = 0; k < waves.length; k++)
				waves[k] = new double[] { 6 + 90 * r.nextDouble(), Math.PI * r.nextDouble(), 7 * r.nextDouble() };
			final double[][] discs = new double[6][];
			for (int k = 0; k < discs.length; k++)
				discs[k] = new double[] { 1000 * r.nextDouble() % 512, 1000 * r.nextDouble() % 512, 4 + 24 * r
					.nextDouble() };
			return new Params(waves, discs);
		}
	}

	private static final Map<Long, Params> PARAMS = new ConcurrentHashMap<>();

	/**
	 * Waves of several frequencies, a few bright discs (repeating every 512 pixels) and fine noise, in
	 * about [0.05, 0.95]: the value at (x, y) depends only on the position and the seed.
	 */
	public static double value(final long x, final long y, final long seed) {
		final Params p = PARAMS.computeIfAbsent(seed, Params::of);
		double v = 0.5;
		for (final double[] w : p.waves())
			v += 0.06 * Math.sin((x * Math.cos(w[1]) + y * Math.sin(w[1])) / w[0] * 2 * Math.PI + w[2]);
		final double mx = Math.floorMod(x, 512), my = Math.floorMod(y, 512);
		for (final double[] d : p.discs()) {
			final double dx = mx - d[0], dy = my - d[1];
			if (dx * dx + dy * dy < d[2] * d[2]) v += 0.12;
		}
		final long h = (x * 0x9E3779B97F4A7C15L + y * 0xC2B2AE3D27D4EB4FL + seed) * 0x165667B19E3779F9L;
		v += 0.04 * ((h >>> 40) / (double) (1L << 24) - 0.5);
		return Math.max(0.05, Math.min(0.95, v));
	}

	/** The pattern as a float image with {@code channels} channels (XY or XYC). */
	public static ArrayImg<FloatType, FloatArray> floats(final int width, final int height, final int channels,
		final long seed)
	{
		final ArrayImg<FloatType, FloatArray> img = channels == 1 ? ArrayImgs.floats(width, height) : ArrayImgs.floats(
			width, height, channels);
		final float[] a = img.update(null).getCurrentStorageArray();
		for (int c = 0; c < channels; c++)
			for (int y = 0; y < height; y++)
				for (int x = 0; x < width; x++)
					a[(c * height + y) * width + x] = (float) value(x, y, seed + 31L * c);
		return img;
	}

	/** The pattern scaled to 16 bits, computed on every access and never stored. */
	public static RandomAccessibleInterval<UnsignedShortType> computed16(final long width, final long height,
		final long seed)
	{
		return Views.interval(new FunctionRandomAccessible<>(2, (p, t) -> t.set((int) Math.round(65535 * value(p
			.getLongPosition(0), p.getLongPosition(1), seed))), UnsignedShortType::new), new long[] { 0, 0 },
			new long[] { width - 1, height - 1 });
	}
}
