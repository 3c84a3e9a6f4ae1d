package org.restorej.engine;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.view.Views;

/** 2D (x, y) views of an image described by {@link Axes}. */
final class Planes {

	private Planes() {}

	/**
	 * The XY plane at the given 0-based Z, time and channel indices (ignored where the axis is absent),
	 * counted from the image's min, with X as dimension 0.
	 */
	static <T> RandomAccessibleInterval<T> of(final RandomAccessibleInterval<T> image, final Axes axes,
		final long z, final long time, final long channel)
	{
		RandomAccessibleInterval<T> v = image;
		// slice the highest dimensions first so that lower indices stay valid
		for (int d = image.numDimensions() - 1; d >= 0; d--) {
			if (axes.isSpatial(d)) continue;
			final long index = d == axes.channel() ? channel : d == axes.z() ? z : time;
			v = Views.hyperSlice(v, d, image.min(d) + index);
		}
		return axes.x() < axes.y() ? v : Views.permute(v, 0, 1);
	}

	static long size(final RandomAccessibleInterval<?> image, final int dimension) {
		return dimension < 0 ? 1 : image.dimension(dimension);
	}
}
