package org.restorej.engine.pixels;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.blocks.PrimitiveBlocks;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.restorej.engine.normalize.Affine;
import org.restorej.engine.tiling.Canvas;

/**
 * Reads rectangles of a 2D plane as float values, extended beyond its edges as a {@link Canvas.Fill}
 * says: by mirroring (without repeating the edge pixel) or with zeros (zero after the value map, i.e.
 * in the network's input space). Planes of the usual pixel types are copied in bulk through
 * {@link PrimitiveBlocks}; any other {@link RealType} pixel by pixel. Not thread-safe: one reader per
 * thread.
 */
public final class PlaneReader<T extends RealType<T>> {

	private final long width, height;
	private final RandomAccessibleInterval<T> plane;
	private final Canvas.Fill fill;
	private final SampleKind kind;
	private final PrimitiveBlocks<?> blocks;
	private RandomAccess<T> access;
	private Object buffer;
	private float[] scratch;

	private PlaneReader(final RandomAccessibleInterval<T> plane, final Canvas.Fill fill) {
		if (plane.numDimensions() != 2) throw new IllegalArgumentException("a plane has 2 dimensions, not " +
			plane.numDimensions());
		width = plane.dimension(0);
		height = plane.dimension(1);
		this.plane = Views.zeroMin(plane);
		this.fill = fill;
		final T type = plane.getType();
		kind = type instanceof NativeType ? SampleKind.of(type) : SampleKind.GENERIC;
		// bulk reads stay inside the plane and extend themselves: ImgLib2's block copy of an extended view
		// divides by zero when the image the plane was sliced from has another dimension of size 1
		blocks = kind == SampleKind.GENERIC ? null : bulk(this.plane);
	}

	/** A reader of {@code plane} (x then y; any min) seen with its min at the origin, mirrored beyond its edges. */
	public static <T extends RealType<T>> PlaneReader<T> of(final RandomAccessibleInterval<T> plane) {
		return of(plane, Canvas.Fill.MIRROR);
	}

	/** A reader of {@code plane} seen with its min at the origin, extended beyond its edges by {@code fill}. */
	public static <T extends RealType<T>> PlaneReader<T> of(final RandomAccessibleInterval<T> plane,
		final Canvas.Fill fill)
	{
		return new PlaneReader<>(plane, fill);
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
		final boolean inside = x >= 0 && y >= 0 && x + w <= width && y + h <= height;
		if (blocks != null && inside) {
			copy(x, y, w, h);
			kind.convert(buffer, n, dest, start, stride, map.scale(), map.offset());
		}
		else if (blocks != null) readExtended(x, y, w, h, dest, start, stride, map);
		else readEach(x, y, w, h, dest, start, stride, map);
	}

	/** Pixel by pixel, for types {@link PrimitiveBlocks} does not copy. */
	private void readEach(final long x, final long y, final int w, final int h, final float[] dest, final int start,
		final int stride, final Affine map)
	{
		final int[] columns = fill.sources(x, w, width), rows = fill.sources(y, h, height);
		if (access == null) access = plane.randomAccess();
		int d = start;
		for (int row = 0; row < h; row++)
			for (int col = 0; col < w; col++, d += stride)
				dest[d] = rows[row] < 0 || columns[col] < 0 ? 0 : (float) map.apply(access.setPositionAndGet(columns[col],
					rows[row]).getRealDouble());
	}

	private void copy(final long x, final long y, final int w, final int h) {
		final int n = w * h;
		if (buffer == null || kind.length(buffer) < n) buffer = kind.newArray(n);
		blocks.copy(new long[] { x, y }, buffer, new int[] { w, h });
	}

	/**
	 * A rectangle reaching beyond the plane: the plane's pixels it extends to, read once, then gathered;
	 * zeros where the fill has no pixel.
	 */
	private void readExtended(final long x, final long y, final int w, final int h, final float[] dest,
		final int start, final int stride, final Affine map)
	{
		final int[] columns = fill.sources(x, w, width), rows = fill.sources(y, h, height);
		final int x0 = min(columns), y0 = min(rows);
		if (x0 < 0 || y0 < 0) {
			// the whole rectangle lies in a zero fill
			for (int i = 0, d = start; i < w * h; i++, d += stride)
				dest[d] = 0;
			return;
		}
		final int bw = max(columns) - x0 + 1, bh = max(rows) - y0 + 1;
		copy(x0, y0, bw, bh);
		if (scratch == null || scratch.length < bw * bh) scratch = new float[bw * bh];
		kind.convert(buffer, bw * bh, scratch, 0, 1, map.scale(), map.offset());
		int d = start;
		for (int row = 0; row < h; row++) {
			final int from = (rows[row] - y0) * bw - x0;
			for (int col = 0; col < w; col++, d += stride)
				dest[d] = rows[row] < 0 || columns[col] < 0 ? 0 : scratch[from + columns[col]];
		}
	}

	/** The least plane index of {@code a}, -1 when it has none. */
	private static int min(final int[] a) {
		int m = Integer.MAX_VALUE;
		for (final int v : a)
			if (v >= 0) m = Math.min(m, v);
		return m == Integer.MAX_VALUE ? -1 : m;
	}

	private static int max(final int[] a) {
		int m = Integer.MIN_VALUE;
		for (final int v : a)
			m = Math.max(m, v);
		return m;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static PrimitiveBlocks<?> bulk(final RandomAccessible<?> ra) {
		// views the analyser does not know (e.g. computed images) are copied through a slower fallback
		return PrimitiveBlocks.of((RandomAccessible) ra, PrimitiveBlocks.OnFallback.ACCEPT);
	}
}
