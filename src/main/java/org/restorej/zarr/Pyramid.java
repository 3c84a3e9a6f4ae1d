package org.restorej.zarr;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;

import org.restorej.tiff.SampleType;

/**
 * The downsampled levels of an OME-Zarr output: each pixel the mean of up to 2x2 pixels of the level
 * above (rounded and clamped for integer types). One function for the whole level or a block of its
 * chunks, so that a level built by one process or by many tasks has the same bytes.
 */
public final class Pyramid {

	/** Chunks of the level above read while downsampling, at most (a block needs 4 per chunk it writes). */
	private static final long CACHE_BYTES = 64L << 20;

	private Pyramid() {}

	/**
	 * Writes the chunks of columns {@code [cx0, cx1)} and rows {@code [cy0, cy1)} of {@code target}, in every
	 * plane, from {@code above}, which must be complete.
	 *
	 * @param spec the output's spec (axes, type, chunk side)
	 */
	public static <S extends RealType<S> & NativeType<S>> void downsample(final ZarrArray above, final ZarrArray target,
		final ZarrOutputSpec spec, final long cx0, final long cy0, final long cx1, final long cy1)
	{
		final String axes = spec.axes();
		final long[] shape = target.shape();
		try (OmeZarrImage in = OmeZarrImage.level(above, axes, CACHE_BYTES)) {
			final RandomAccessibleInterval<S> image = in.image();
			final RandomAccess<S> access = image.randomAccess();
			final int side = spec.chunk();
			final long w = shape[axes.indexOf('x')], h = shape[axes.indexOf('y')], sw = image.dimension(0), sh = image
				.dimension(1);
			final boolean integer = spec.sampleType() != SampleType.FLOAT32;
			final double max = spec.sampleType() == SampleType.UINT8 ? 255 : 65535;
			final long[] p = new long[5];
			for (int t = 0; t < spec.frames(); t++)
				for (int z = 0; z < spec.slices(); z++)
					for (int c = 0; c < spec.channels(); c++)
						for (long cy = cy0; cy < cy1 && cy * side < h; cy++)
							for (long cx = cx0; cx < cx1 && cx * side < w; cx++) {
								final double[] values = new double[side * side];
								for (int y = 0; y < side && cy * side + y < h; y++)
									for (int x = 0; x < side && cx * side + x < w; x++) {
										final long ox = cx * side + x, oy = cy * side + y;
										double sum = 0;
										int n = 0;
										p[2] = c;
										p[3] = z;
										p[4] = t;
										for (long yy = 2 * oy; yy < Math.min(2 * oy + 2, sh); yy++)
											for (long xx = 2 * ox; xx < Math.min(2 * ox + 2, sw); xx++) {
												p[0] = xx;
												p[1] = yy;
												access.setPosition(p);
												sum += access.get().getRealDouble();
												n++;
											}
										final double mean = sum / n;
										values[y * side + x] = integer ? Math.min(max, Math.max(0, Math.floor(mean + 0.5))) : mean;
									}
								target.writeChunk(OmeZarrWriter.chunkIndex(spec, cx, cy, c, z, t), primitive(spec.sampleType(),
									values));
							}
		}
	}

	private static Object primitive(final SampleType type, final double[] v) {
		return switch (type) {
			case UINT8 -> {
				final byte[] a = new byte[v.length];
				for (int i = 0; i < v.length; i++)
					a[i] = (byte) (int) v[i];
				yield a;
			}
			case UINT16 -> {
				final short[] a = new short[v.length];
				for (int i = 0; i < v.length; i++)
					a[i] = (short) (int) v[i];
				yield a;
			}
			case FLOAT32 -> {
				final float[] a = new float[v.length];
				for (int i = 0; i < v.length; i++)
					a[i] = (float) v[i];
				yield a;
			}
		};
	}
}
