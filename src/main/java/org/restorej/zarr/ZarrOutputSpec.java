package org.restorej.zarr;

import org.restorej.tiff.PixelCalibration;
import org.restorej.tiff.SampleType;

/**
 * What {@link OmeZarrWriter} writes: size in X, Y, C, Z, T, sample type, calibration, the axes to store
 * (in NGFF order, a subset of "tczyx" holding y and x and every axis longer than 1), the chunk side in y
 * and x (chunks hold one position of t, c and z), the compressor and whether an existing output may be
 * replaced.
 */
public record ZarrOutputSpec(long width, long height, int channels, int slices, int frames, SampleType sampleType,
	PixelCalibration calibration, String axes, int chunk, Compressor compressor, boolean overwrite)
{
	/** Chunk side by default: what viewers and the cloud tools read well. */
	public static final int DEFAULT_CHUNK = 256;

	public ZarrOutputSpec {
		if (width < 1 || height < 1 || channels < 1 || slices < 1 || frames < 1) throw new IllegalArgumentException(
			"empty image " + width + "x" + height + "x" + channels + "x" + slices + "x" + frames);
		if (chunk < 16) throw new IllegalArgumentException("chunk side " + chunk + " < 16");
		if (!isOrdered(axes)) throw new IllegalArgumentException(
			"axes " + axes + " are not in NGFF order t, c, z, y, x");
		if (!axes.endsWith("yx") || channels > 1 && axes.indexOf('c') < 0 || slices > 1 && axes.indexOf('z') < 0 ||
			frames > 1 && axes.indexOf('t') < 0) throw new IllegalArgumentException("axes " + axes + " do not hold an image " +
				"of " + channels + " channels, " + slices + " slices, " + frames + " frames");
	}

	private static boolean isOrdered(final String axes) {
		int last = -1;
		for (final char a : axes.toCharArray()) {
			final int at = "tczyx".indexOf(a);
			if (at <= last) return false;
			last = at;
		}
		return true;
	}

	/** An image of these dimensions with the axes it needs, chunks of 256, blosc with zstd inside, no calibration. */
	public static ZarrOutputSpec of(final long width, final long height, final int channels, final int slices,
		final int frames, final SampleType type)
	{
		final String axes = (frames > 1 ? "t" : "") + (channels > 1 ? "c" : "") + (slices > 1 ? "z" : "") + "yx";
		return new ZarrOutputSpec(width, height, channels, slices, frames, type, PixelCalibration.none(), axes,
			DEFAULT_CHUNK, BloscCompressor.zstd(3), false);
	}

	public ZarrOutputSpec withCalibration(final PixelCalibration c) {
		return new ZarrOutputSpec(width, height, channels, slices, frames, sampleType, c, axes, chunk, compressor, overwrite);
	}

	/** Stores these axes (e.g. the input's own, so that a 1-channel "czyx" stays "czyx"). */
	public ZarrOutputSpec withAxes(final String a) {
		return new ZarrOutputSpec(width, height, channels, slices, frames, sampleType, calibration, a, chunk, compressor,
			overwrite);
	}

	public ZarrOutputSpec withChunk(final int side) {
		return new ZarrOutputSpec(width, height, channels, slices, frames, sampleType, calibration, axes, side, compressor,
			overwrite);
	}

	public ZarrOutputSpec withCompressor(final Compressor c) {
		return new ZarrOutputSpec(width, height, channels, slices, frames, sampleType, calibration, axes, chunk, c, overwrite);
	}

	public ZarrOutputSpec withOverwrite(final boolean o) {
		return new ZarrOutputSpec(width, height, channels, slices, frames, sampleType, calibration, axes, chunk, compressor,
			o);
	}

	/** Size along axis letter {@code a} (x, y, c, z or t). */
	long size(final char a) {
		return switch (a) {
			case 'x' -> width;
			case 'y' -> height;
			case 'c' -> channels;
			case 'z' -> slices;
			default -> frames;
		};
	}
}
