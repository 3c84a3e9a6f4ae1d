package org.restorej.tiff;

import java.util.Map;

/** Tag numbers RestoreJ reads or writes (TIFF 6.0, BigTIFF, GeoTIFF 1.1, GDAL). */
public final class TiffTag {

	private TiffTag() {}

	public static final int NEW_SUBFILE_TYPE = 254;
	public static final int IMAGE_WIDTH = 256;
	public static final int IMAGE_LENGTH = 257;
	public static final int BITS_PER_SAMPLE = 258;
	public static final int COMPRESSION = 259;
	public static final int PHOTOMETRIC = 262;
	public static final int IMAGE_DESCRIPTION = 270;
	public static final int STRIP_OFFSETS = 273;
	public static final int SAMPLES_PER_PIXEL = 277;
	public static final int ROWS_PER_STRIP = 278;
	public static final int STRIP_BYTE_COUNTS = 279;
	public static final int X_RESOLUTION = 282;
	public static final int Y_RESOLUTION = 283;
	public static final int PLANAR_CONFIGURATION = 284;
	public static final int RESOLUTION_UNIT = 296;
	public static final int SOFTWARE = 305;
	public static final int PREDICTOR = 317;
	public static final int TILE_WIDTH = 322;
	public static final int TILE_LENGTH = 323;
	public static final int TILE_OFFSETS = 324;
	public static final int TILE_BYTE_COUNTS = 325;
	public static final int EXTRA_SAMPLES = 338;
	public static final int SAMPLE_FORMAT = 339;
	// GeoTIFF
	public static final int MODEL_PIXEL_SCALE = 33550;
	public static final int MODEL_TIEPOINT = 33922;
	public static final int MODEL_TRANSFORMATION = 34264;
	public static final int GEO_KEY_DIRECTORY = 34735;
	public static final int GEO_DOUBLE_PARAMS = 34736;
	public static final int GEO_ASCII_PARAMS = 34737;
	// GDAL
	public static final int GDAL_METADATA = 42112;
	public static final int GDAL_NODATA = 42113;

	/** Tags describing georeferencing and dataset metadata, copied unchanged from input to output. */
	public static final int[] GEO_TAGS = { MODEL_PIXEL_SCALE, MODEL_TIEPOINT, MODEL_TRANSFORMATION, GEO_KEY_DIRECTORY,
		GEO_DOUBLE_PARAMS, GEO_ASCII_PARAMS, GDAL_METADATA, GDAL_NODATA };

	private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(NEW_SUBFILE_TYPE, "NewSubfileType"), Map
		.entry(IMAGE_WIDTH, "ImageWidth"), Map.entry(IMAGE_LENGTH, "ImageLength"), Map.entry(BITS_PER_SAMPLE,
			"BitsPerSample"), Map.entry(COMPRESSION, "Compression"), Map.entry(PHOTOMETRIC, "PhotometricInterpretation"),
		Map.entry(IMAGE_DESCRIPTION, "ImageDescription"), Map.entry(STRIP_OFFSETS, "StripOffsets"), Map.entry(
			SAMPLES_PER_PIXEL, "SamplesPerPixel"), Map.entry(ROWS_PER_STRIP, "RowsPerStrip"), Map.entry(STRIP_BYTE_COUNTS,
				"StripByteCounts"), Map.entry(X_RESOLUTION, "XResolution"), Map.entry(Y_RESOLUTION, "YResolution"), Map
					.entry(PLANAR_CONFIGURATION, "PlanarConfiguration"), Map.entry(RESOLUTION_UNIT, "ResolutionUnit"), Map
						.entry(SOFTWARE, "Software"), Map.entry(PREDICTOR, "Predictor"), Map.entry(TILE_WIDTH, "TileWidth"), Map
							.entry(TILE_LENGTH, "TileLength"), Map.entry(TILE_OFFSETS, "TileOffsets"), Map.entry(TILE_BYTE_COUNTS,
								"TileByteCounts"), Map.entry(EXTRA_SAMPLES, "ExtraSamples"), Map.entry(SAMPLE_FORMAT, "SampleFormat"),
		Map.entry(MODEL_PIXEL_SCALE, "ModelPixelScale"), Map.entry(MODEL_TIEPOINT, "ModelTiepoint"), Map.entry(
			MODEL_TRANSFORMATION, "ModelTransformation"), Map.entry(GEO_KEY_DIRECTORY, "GeoKeyDirectory"), Map.entry(
				GEO_DOUBLE_PARAMS, "GeoDoubleParams"), Map.entry(GEO_ASCII_PARAMS, "GeoAsciiParams"), Map.entry(
					GDAL_METADATA, "GDAL_METADATA"), Map.entry(GDAL_NODATA, "GDAL_NODATA"));

	/** A readable name for messages: the tag's name, or its number. */
	public static String name(final int tag) {
		return NAMES.getOrDefault(tag, "tag " + tag);
	}
}
