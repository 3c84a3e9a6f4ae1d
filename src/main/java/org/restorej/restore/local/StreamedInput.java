package org.restorej.restore.local;

import java.nio.file.Path;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;

import org.restorej.tiff.PixelCalibration;
import org.restorej.tiff.SampleType;
import org.restorej.tiff.read.TiffImage;
import org.restorej.tiff.read.TiffImageInfo;
import org.restorej.zarr.OmeZarrImage;
import org.restorej.zarr.OmeZarrInfo;

/** The input of a streamed restore, read on demand: a TIFF or an OME-Zarr image, by its name. */
final class StreamedInput implements AutoCloseable {

	private final TiffImage tiff;
	private final OmeZarrImage zarr;

	private StreamedInput(final TiffImage tiff, final OmeZarrImage zarr) {
		this.tiff = tiff;
		this.zarr = zarr;
	}

	/** Opens {@code input} with a cell cache sized by {@link #cacheBytes} for its geometry. */
	static StreamedInput open(final Path input) {
		if (OmeZarrInfo.isZarr(input)) return new StreamedInput(null, OmeZarrImage.open(input,
			StreamedInput::cacheBytes));
		return new StreamedInput(TiffImage.open(input, StreamedInput::cacheBytes), null);
	}

	private static long cacheBytes(final TiffImageInfo info) {
		return cacheBytes(info.width(), info.channels(), info.sampleType(), info.blockHeight(), maxHeap());
	}

	private static long cacheBytes(final OmeZarrInfo info) {
		int planesPerCell = 1;
		for (int a = 0; a < info.axes().length(); a++)
			if ("zt".indexOf(info.axes().charAt(a)) >= 0) planesPerCell *= info.chunks()[a];
		return cacheBytes(info.width(), info.channels() * planesPerCell, info.sampleType(), info.chunks()[info.axes()
			.indexOf('y')], maxHeap());
	}

	/** Rows of input one band of the engine's tiles reads, with room for the largest model tiles and halos. */
	static final int BAND_ROWS = 1024;

	/**
	 * Bytes of input cells kept in memory: {@link #BAND_ROWS} plus two rows of cells across the width, for
	 * every plane a band reads at once (the channels, and the planes a cell holds along Z and T), so that
	 * neighbouring bands rarely read a cell twice. It depends on the width, not the height: memory does not
	 * grow with a taller image or a longer stack. At least 16 MiB, at most a quarter of the heap.
	 */
	static long cacheBytes(final long width, final int planes, final SampleType type, final int cellRows,
		final long maxHeap)
	{
		final long band = (BAND_ROWS + 2L * cellRows) * width * planes * (type.bitsPerSample() / 8);
		return Math.min(maxHeap / 4, Math.max(16L << 20, band));
	}

	private static long maxHeap() {
		return Runtime.getRuntime().maxMemory();
	}

	/** The TIFF's description, or null for OME-Zarr. */
	TiffImageInfo tiff() {
		return tiff == null ? null : tiff.info();
	}

	/** The OME-Zarr image's description, or null for TIFF. */
	OmeZarrInfo zarr() {
		return zarr == null ? null : zarr.info();
	}

	<T extends RealType<T> & NativeType<T>> RandomAccessibleInterval<T> image() {
		return tiff != null ? tiff.image() : zarr.image();
	}

	SampleType sampleType() {
		return tiff != null ? tiff.info().sampleType() : zarr.info().sampleType();
	}

	PixelCalibration calibration() {
		return tiff != null ? tiff.info().calibration() : zarr.info().calibration();
	}

	long pixels() {
		return tiff != null ? tiff.info().pixels() : zarr.info().pixels();
	}

	long bytesRead() {
		return tiff != null ? tiff.bytesRead() : zarr.bytesRead();
	}

	@Override
	public void close() {
		if (tiff != null) tiff.close();
		else zarr.close();
	}
}
