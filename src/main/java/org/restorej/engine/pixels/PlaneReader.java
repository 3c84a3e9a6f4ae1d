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

	private PlaneReader(final RandomAccessibleInterval<T> plane) {
		if (plane.numDimensions() != 2) throw new IllegalArgumentException("a plane has 2 dimensions, not " +
			plane.numDimensions());
		width = plane.dimension(0);
		height = plane.dimension(1);
		extended = mirror(plane);
		final T type = plane.getType();
		kind = type instanceof NativeType ? SampleKind.of(type) : SampleKind.GENERIC;
		blocks = kind == SampleKind.GENERIC ? null : bulk(extended);
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
			if (buffer == null || kind.length(buffer) < n) buffer = kind.newArray(n);
			blocks.copy(new long[] { x, y }, buffer, new int[] { w, h });
			kind.convert(buffer, n, dest, start, stride, map.scale(), map.offset());
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
