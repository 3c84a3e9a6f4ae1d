package org.restorej.tiff.read;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

import org.restorej.tiff.PixelCalibration;
import org.restorej.tiff.SampleType;
import org.restorej.tiff.StoredSampleType;
import org.restorej.tiff.TiffField;
import org.restorej.tiff.TiffTag;

/**
 * What {@link TiffImage#open} found: the image's size in X, Y, C, Z, T, its samples and storage, its
 * calibration, and every entry of the first full-resolution directory as stored.
 *
 * @param blockWidth tile width, or the image width for strips
 * @param blockHeight tile height, or rows per strip
 * @param channelsAsSamples whether channels are the samples of each pixel (RGB, multi-band) rather than pages
 * @param fields the first full-resolution directory's entries, raw, in file order
 * @param storedType how the file stores its samples; {@code sampleType} is what the reader delivers
 */
public record TiffImageInfo(Path file, long width, long height, int channels, int slices, int frames,
	SampleType sampleType, boolean bigTiff, ByteOrder byteOrder, boolean tiled, int blockWidth, int blockHeight,
	int compression, boolean channelsAsSamples, PixelCalibration calibration, List<TiffField> fields,
	StoredSampleType storedType)
{
	public TiffImageInfo {
		fields = List.copyOf(fields);
	}

	/**
	 * Reads the header and directories of {@code file}, no pixels. Unlike {@link TiffImage#open} it needs
	 * no ImgLib2, so ImageJ 1 and Fiji's JVM can use it to choose how a file is restored.
	 *
	 * @throws org.restorej.tiff.InvalidTiffException if the file is no TIFF RestoreJ reads
	 */
	public static TiffImageInfo read(final Path file) {
		try (FileBytes in = FileBytes.open(file)) {
			return TiffStructure.read(in).info();
		}
	}

	/**
	 * What reading does to the values, for the log ("its 16-bit signed samples are read as 32-bit float"),
	 * or null when they are delivered as stored.
	 */
	public String conversionNote() {
		return storedType.conversionNote();
	}

	/** The entry of {@link #fields()} with this tag, or null. */
	public TiffField field(final int tag) {
		for (final TiffField f : fields)
			if (f.tag() == tag) return f;
		return null;
	}

	/** The entries of {@link #fields()} whose tag is in {@link TiffTag#GEO_TAGS}, in file order. */
	public List<TiffField> geoFields() {
		return fields.stream().filter(f -> isGeoTag(f.tag())).toList();
	}

	/** width * height * channels * slices * frames. */
	public long pixels() {
		return width * height * channels * slices * frames;
	}

	private static boolean isGeoTag(final int tag) {
		for (final int g : TiffTag.GEO_TAGS)
			if (g == tag) return true;
		return false;
	}
}
