package org.restorej.tiff.write;

import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.restorej.tiff.PixelCalibration;
import org.restorej.tiff.SampleType;
import org.restorej.tiff.TiffField;
import org.restorej.tiff.TiffTag;

/**
 * What a {@link TiledTiffWriter} writes: the image's size and type, how channels are stored, the
 * tiling and compression, and the metadata that travels along. Start from {@link #of} and change
 * what you need: {@code TiffOutputSpec.of(w, h, 1, 1, 1, SampleType.UINT16).withDeflate(true)}.
 *
 * @param channelsAsSamples channels as samples of each pixel (one page per Z and time point, like
 *          RGB), or one page per channel (ImageJ's hyperstack order, channel fastest)
 * @param tileSize side of the square TIFF tiles, a multiple of 16 as TIFF requires
 * @param deflate compress tiles with deflate (zlib), or store them raw
 * @param copiedFields entries written unchanged into the first page (GeoTIFF, GDAL metadata); none may
 *          be a tag the writer sets itself
 * @param overwrite replace an existing target file
 */
public record TiffOutputSpec(long width, long height, int channels, int slices, int frames, SampleType sampleType,
	boolean channelsAsSamples, int tileSize, boolean deflate, ByteOrder byteOrder, PixelCalibration calibration,
	List<TiffField> copiedFields, boolean overwrite)
{

	/** Tags that describe the layout the writer produces: a copy from elsewhere would contradict it. */
	static final Set<Integer> WRITER_TAGS = Set.of(TiffTag.NEW_SUBFILE_TYPE, TiffTag.IMAGE_WIDTH,
		TiffTag.IMAGE_LENGTH, TiffTag.BITS_PER_SAMPLE, TiffTag.COMPRESSION, TiffTag.PHOTOMETRIC,
		TiffTag.IMAGE_DESCRIPTION, TiffTag.STRIP_OFFSETS, TiffTag.SAMPLES_PER_PIXEL, TiffTag.ROWS_PER_STRIP,
		TiffTag.STRIP_BYTE_COUNTS, TiffTag.X_RESOLUTION, TiffTag.Y_RESOLUTION, TiffTag.PLANAR_CONFIGURATION,
		TiffTag.RESOLUTION_UNIT, TiffTag.PREDICTOR, TiffTag.TILE_WIDTH, TiffTag.TILE_LENGTH, TiffTag.TILE_OFFSETS,
		TiffTag.TILE_BYTE_COUNTS, TiffTag.EXTRA_SAMPLES, TiffTag.SAMPLE_FORMAT, 330 /* SubIFDs */);

	public static final int DEFAULT_TILE = 256;
	/** Largest tile side: keeps one tile's bytes (and its compressed form) well within an array. */
	public static final int MAX_TILE = 4096;

	public TiffOutputSpec {
		if (width < 1 || height < 1) throw new IllegalArgumentException("image size must be positive: " + width +
			" x " + height);
		if (channels < 1 || slices < 1 || frames < 1) throw new IllegalArgumentException("channels, slices and " +
			"frames must be >= 1: " + channels + ", " + slices + ", " + frames);
		if (sampleType == null || byteOrder == null || calibration == null || copiedFields == null)
			throw new IllegalArgumentException("spec values must not be null");
		if (tileSize < 16 || tileSize > MAX_TILE || tileSize % 16 != 0) throw new IllegalArgumentException(
			"tile size must be a multiple of 16 from 16 to " + MAX_TILE + ": " + tileSize);
		if (channelsAsSamples && channels > 0xFFFF) throw new IllegalArgumentException(channels +
			" channels do not fit in SamplesPerPixel");
		// one band of tile rows is one ImgLib2 cell, an int-indexed array
		if (width * tileSize * channels > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("rows of " +
			width + " pixels x " + channels + " channels are too wide for tiles of " + tileSize);
		if (((long) channels * slices * frames) > Integer.MAX_VALUE) throw new IllegalArgumentException(
			"too many pages");
		copiedFields = List.copyOf(copiedFields);
		final Set<Integer> seen = new HashSet<>();
		for (final TiffField f : copiedFields) {
			if (WRITER_TAGS.contains(f.tag())) throw new IllegalArgumentException("cannot copy " + f + ": the writer " +
				"sets " + TiffTag.name(f.tag()) + " itself, from the layout it writes");
			if (!seen.add(f.tag())) throw new IllegalArgumentException(TiffTag.name(f.tag()) + " is copied twice");
		}
	}

	/** Tiles of 256, no compression, little-endian, uncalibrated, channels as pages, no copied fields. */
	public static TiffOutputSpec of(final long width, final long height, final int channels, final int slices,
		final int frames, final SampleType type)
	{
		return new TiffOutputSpec(width, height, channels, slices, frames, type, false, DEFAULT_TILE, false,
			ByteOrder.LITTLE_ENDIAN, PixelCalibration.none(), List.of(), false);
	}

	/** Pages the file has: one per (Z, time), or per (channel, Z, time) with channels as pages. */
	public int pages() {
		return (channelsAsSamples ? 1 : channels) * slices * frames;
	}

	/** Values per pixel of one page. */
	public int samplesPerPixel() {
		return channelsAsSamples ? channels : 1;
	}

	public TiffOutputSpec withChannelsAsSamples(final boolean s) {
		return new TiffOutputSpec(width, height, channels, slices, frames, sampleType, s, tileSize, deflate,
			byteOrder, calibration, copiedFields, overwrite);
	}

	public TiffOutputSpec withTileSize(final int t) {
		return new TiffOutputSpec(width, height, channels, slices, frames, sampleType, channelsAsSamples, t, deflate,
			byteOrder, calibration, copiedFields, overwrite);
	}

	public TiffOutputSpec withDeflate(final boolean d) {
		return new TiffOutputSpec(width, height, channels, slices, frames, sampleType, channelsAsSamples, tileSize,
			d, byteOrder, calibration, copiedFields, overwrite);
	}

	public TiffOutputSpec withByteOrder(final ByteOrder o) {
		return new TiffOutputSpec(width, height, channels, slices, frames, sampleType, channelsAsSamples, tileSize,
			deflate, o, calibration, copiedFields, overwrite);
	}

	public TiffOutputSpec withCalibration(final PixelCalibration c) {
		return new TiffOutputSpec(width, height, channels, slices, frames, sampleType, channelsAsSamples, tileSize,
			deflate, byteOrder, c, copiedFields, overwrite);
	}

	public TiffOutputSpec withCopiedFields(final List<TiffField> f) {
		return new TiffOutputSpec(width, height, channels, slices, frames, sampleType, channelsAsSamples, tileSize,
			deflate, byteOrder, calibration, f, overwrite);
	}

	public TiffOutputSpec withOverwrite(final boolean o) {
		return new TiffOutputSpec(width, height, channels, slices, frames, sampleType, channelsAsSamples, tileSize,
			deflate, byteOrder, calibration, copiedFields, o);
	}
}
