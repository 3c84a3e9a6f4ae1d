package org.restorej.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.restorej.array.NhwcArray;
import org.restorej.imagej.TiffFiles;
import org.restorej.tiff.SampleType;
import org.restorej.tiff.read.TiffImageInfo;
import org.restorej.tiff.read.TiffPlanes;

import ij.ImagePlus;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

/**
 * TIFF files as single NHWC images scaled to what networks see: 8-bit divided by 255, 16-bit by 65535,
 * 32-bit float as it is (signed, 32-bit integer and 64-bit float samples are read as float). Channels
 * are the samples of each pixel (RGB, multi-band) or an ImageJ stack of channels. Read by RestoreJ's
 * own reader (TIFF and BigTIFF, strips or tiles, any compression it reads), written as ImageJ TIFF
 * through {@link TiffFiles#save}, under a temporary name renamed when complete.
 */
public final class TiffImages {

	private TiffImages() {}

	/** The pixels and the factor raw values were divided by. */
	public record Loaded(NhwcArray image, double scale, int bitDepth) {}

	/** @throws org.restorej.RestoreJException naming the file and the problem if it cannot be read as one 2D image */
	public static Loaded read(final Path file) {
		if (!Files.isRegularFile(file)) throw new DataException("No such image: " + file + ".");
		try (TiffPlanes tiff = TiffPlanes.open(file)) {
			final TiffImageInfo info = tiff.info();
			if (info.frames() > 1 || info.slices() > 1) throw new DataException(file + " has " + info.slices() +
				" z-slices and " + info.frames() + " time points: give single 2D images (one file per plane).");
			final int w = (int) info.width(), h = (int) info.height(), channels = info.channels();
			final SampleType type = tiff.sampleType();
			final double scale = switch (type) {
				case UINT8 -> 255;
				case UINT16 -> 65535;
				case FLOAT32 -> 1;
			};
			final List<Object> planes = tiff.planes(0, 0);
			final float[] d = new float[w * h * channels];
			for (int c = 0; c < channels; c++) {
				final Object p = planes.get(c);
				for (int i = 0; i < w * h; i++)
					d[i * channels + c] = (float) (switch (type) {
						case UINT8 -> ((byte[]) p)[i] & 0xFF;
						case UINT16 -> ((short[]) p)[i] & 0xFFFF;
						case FLOAT32 -> ((float[]) p)[i];
					} / scale);
			}
			return new Loaded(new NhwcArray(1, h, w, channels, d), scale, type.bitsPerSample());
		}
	}

	/** Writes a single-channel image in [0, 1] as 16-bit TIFF (values times 65535, rounded, clipped); never over an existing file. */
	public static void write16Bit(final NhwcArray image, final Path file) {
		write16Bit(image, file, false);
	}

	/** As {@link #write16Bit(NhwcArray, Path)}, replacing an existing file if {@code overwrite}. */
	public static void write16Bit(final NhwcArray image, final Path file, final boolean overwrite) {
		requireSingleChannel(image, file);
		final short[] px = new short[image.height() * image.width()];
		for (int i = 0; i < px.length; i++)
			px[i] = (short) Math.round(Math.max(0, Math.min(1, image.data()[i])) * 65535);
		save(new ImagePlus(file.getFileName().toString(), new ShortProcessor(image.width(), image.height(), px,
			null)), file, overwrite);
	}

	/** Writes a single-channel image as 32-bit float TIFF, values unchanged; never over an existing file. */
	public static void write32Bit(final NhwcArray image, final Path file) {
		requireSingleChannel(image, file);
		save(new ImagePlus(file.getFileName().toString(), new FloatProcessor(image.width(), image.height(), image
			.data().clone())), file, false);
	}

	private static void requireSingleChannel(final NhwcArray image, final Path file) {
		if (image.batch() != 1 || image.channels() != 1) throw new DataException("Cannot write " + file +
			": only single-channel images are written as TIFF here (got " + image.channels() + " channels).");
	}

	private static void save(final ImagePlus imp, final Path file, final boolean overwrite) {
		try {
			TiffFiles.save(imp, file, overwrite);
		}
		catch (final IOException | UncheckedIOException e) {
			throw new DataException("Could not write " + file + ": " + e.getMessage(), e);
		}
	}
}
