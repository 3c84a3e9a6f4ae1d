package org.restorej.tiff.write;

import java.nio.ByteBuffer;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;

/**
 * The writer's band buffering for other chunked formats (OME-Zarr): an X, Y, C, Z, T image held in
 * bands of {@code spec.tileSize()} rows per (Z, time) plane, handed to a sink band by band as rows
 * finish and freed. The same machinery as {@link TiledTiffWriter}, so that both outputs bound the heap
 * the same way.
 */
public final class BandedOutput<T extends RealType<T> & NativeType<T>> {

	/** Rows of a band being written out. */
	public interface Rows {
		/**
		 * Copies {@code count} pixels of channel {@code c} of row {@code row} of the band from {@code x}
		 * into {@code out} from byte {@code at}, in {@code out}'s byte order.
		 */
		void copyRow(int row, int x, int count, int c, ByteBuffer out, int at);
	}

	/** Receives each finished band once, in order per plane. */
	@FunctionalInterface
	public interface Sink {
		void write(long z, long t, int band, long firstRow, int rows, Rows pixels);
	}

	private final BigTiffLayout layout;
	private final TileBands<T> bands;

	public BandedOutput(final TiffOutputSpec spec) {
		layout = BigTiffLayout.of(spec);
		bands = new TileBands<>(layout);
	}

	public RandomAccessibleInterval<T> image() {
		return bands.image();
	}

	/**
	 * Hands every complete band of plane {@code (z, t)} above {@code yEnd} that was written into to
	 * {@code sink}, then frees it. Bands nobody wrote are skipped, so that chunks other processes wrote
	 * (Spark tasks) are never overwritten by empty rows.
	 */
	public synchronized void finish(final long z, final long t, final long yEnd, final Sink sink) {
		final TiffOutputSpec spec = layout.spec();
		final int plane = layout.plane(z, t);
		final int complete = yEnd >= spec.height() ? layout.tilesDown() : (int) (Math.max(0, yEnd) / spec.tileSize());
		for (int band = bands.flushed(plane); band < complete; band++) {
			final boolean written = bands.written(plane, band);
			final BandBuffer buffer = bands.take(plane, band);
			if (!written) {
				bands.release(buffer);
				continue;
			}
			try {
				sink.write(z, t, band, (long) band * spec.tileSize(), layout.bandRows(band), (row, x, count, c, out,
					at) -> buffer.copyRow(row, x, count, c, 1, out, at));
			}
			finally {
				bands.release(buffer);
			}
		}
	}

	public long peakBufferedBytes() {
		return bands.peakBytes();
	}

	/** Frees every band (the output is abandoned or complete). */
	public void clear() {
		bands.clear();
	}
}
