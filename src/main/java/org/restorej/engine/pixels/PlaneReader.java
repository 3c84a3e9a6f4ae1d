package org.restorej.engine.pixels;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.blocks.PrimitiveBlocks;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.restorej.engine.normalize.Affine;

/**
 * Reads rectangles of a 2D plane, extended beyond its edges by mirroring (without repeating the edge
 * pixel), as float values. Planes of the usual pixel types are copied in bulk through
 * {@link PrimitiveBlocks}; any other {@link RealType} pixel by pixel. Not thread-safe: one reader per
 * thread.
 */
public final class PlaneReader<T extends RealType<T>> {

	private final long width, height;
	private final RandomAccessible<T> extended;
	private final SampleKind kind;
	private final PrimitiveBlocks<?> blocks;
	private RandomAccess<T> access;
	private Object buffer;
	private float[] scratch;

	private PlaneReader(final RandomAccessibleInterval<T> plane) {
		if (plane.numDimensions() != 2) throw new IllegalArgumentException("a plane has 2 dimensions, not " +
			plane.numDimensions());
		width = plane.dimension(0);
		height = plane.dimension(1);
		extended = mirror(plane);
		final T type = plane.getType();
		kind = type instanceof NativeType ? SampleKind.of(type) : SampleKind.GENERIC;
		// bulk reads stay inside the plane and mirror themselves: ImgLib2's block copy of a mirrored view
		// divides by zero when the image the plane was sliced from has another dimension of size 1
		blocks = kind == SampleKind.GENERIC ? null : bulk(Views.zeroMin(plane));
	}

	/** A reader of {@code plane} (x then y; any min) seen with its min at the origin. */
	public static <T extends RealType<T>> PlaneReader<T> of(final RandomAccessibleInterval<T> plane) {
		return new PlaneReader<>(plane);
	}

	public long width() {
		return width;
	}

	public long height() {
		return height;
	}

	/** Whether values are integers spanning at most 2^16 (see the exact histogram of the percentiles). */
	public boolean hasSmallIntegerValues() {
		return kind.isSmallInteger();
	}

	/**
	 * Reads the {@code w x h} rectangle at {@code (x, y)} through {@code map} into
	 * {@code dest[start + (row * w + column) * stride]}: {@code stride} is the number of channels of an
	 * interleaved destination.
	 */
	public void read(final long x, final long y, final int w, final int h, final float[] dest, final int start,
		final int stride, final Affine map)
	{
		final int n = w * h;
		if (blocks != null) {
			if (x >= 0 && y >= 0 && x + w <= width && y + h <= height) {
				copy(x, y, w, h);
				kind.convert(buffer, n, dest, start, stride, map.scale(), map.offset());
			}
			else readMirrored(x, y, w, h, dest, start, stride, map);
			return;
		}
		if (access == null) access = extended.randomAccess();
		int d = start;
		for (int row = 0; row < h; row++) {
			access.setPosition(x, 0);
			access.setPosition(y + row, 1);
			for (int col = 0; col < w; col++, d += stride) {
				dest[d] = (float) map.apply(access.get().getRealDouble());
				access.fwd(0);
			}
		}
	}

	private void copy(final long x, final long y, final int w, final int h) {
		final int n = w * h;
		if (buffer == null || kind.length(buffer) < n) buffer = kind.newArray(n);
		blocks.copy(new long[] { x, y }, buffer, new int[] { w, h });
	}

	/** A rectangle reaching beyond the plane: the plane's pixels it mirrors to, read once, then gathered. */
	private void readMirrored(final long x, final long y, final int w, final int h, final float[] dest,
		final int start, final int stride, final Affine map)
	{
		final int[] columns = mirrored(x, w, width), rows = mirrored(y, h, height);
		final int x0 = min(columns), y0 = min(rows);
		final int bw = max(columns) - x0 + 1, bh = max(rows) - y0 + 1;
		copy(x0, y0, bw, bh);
		if (scratch == null || scratch.length < bw * bh) scratch = new float[bw * bh];
		kind.convert(buffer, bw * bh, scratch, 0, 1, map.scale(), map.offset());
		int d = start;
		for (int row = 0; row < h; row++) {
			final int from = (rows[row] - y0) * bw - x0;
			for (int col = 0; col < w; col++, d += stride)
				dest[d] = scratch[from + columns[col]];
		}
	}

	/** Positions {@code start .. start+count-1} mirrored into {@code [0, size)}, the edge pixel not repeated. */
	static int[] mirrored(final long start, final int count, final long size) {
		final int[] m = new int[count];
		final long period = 2 * (size - 1);
		for (int i = 0; i < count; i++) {
			if (size == 1) continue;
			long v = Math.floorMod(start + i, period);
			if (v >= size) v = period - v;
			m[i] = (int) v;
		}
		return m;
	}

	private static int min(final int[] a) {
		int m = Integer.MAX_VALUE;
		for (final int v : a)
			m = Math.min(m, v);
		return m;
	}

	private static int max(final int[] a) {
		int m = Integer.MIN_VALUE;
		for (final int v : a)
			m = Math.max(m, v);
		return m;
	}

	/**
	 * The plane extended by mirroring. ImgLib2's mirror extension fails on a dimension of size 1,
	 * whose mirror image is that pixel repeated: such a dimension is first doubled with border
	 * extension, which mirrors to the same values.
	 */
	static <T> RandomAccessible<T> mirror(final RandomAccessibleInterval<T> plane) {
		RandomAccessibleInterval<T> p = Views.zeroMin(plane);
		if (p.dimension(0) == 1 || p.dimension(1) == 1) {
			final long[] max = new long[p.numDimensions()];
			for (int d = 0; d < max.length; d++)
				max[d] = Math.max(1, p.dimension(d) - 1);
			p = Views.interval(Views.extendBorder(p), new long[max.length], max);
		}
		return Views.extendMirrorSingle(p);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static PrimitiveBlocks<?> bulk(final RandomAccessible<?> ra) {
		// views the analyser does not know (e.g. computed images) are copied through a slower fallback
		return PrimitiveBlocks.of((RandomAccessible) ra, PrimitiveBlocks.OnFallback.ACCEPT);
	}
}
