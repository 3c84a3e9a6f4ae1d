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

	static StreamedInput open(final Path input, final long cacheBytes) {
		return OmeZarrInfo.isZarr(input) ? new StreamedInput(null, OmeZarrImage.open(input, cacheBytes))
			: new StreamedInput(TiffImage.open(input, cacheBytes), null);
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
