package org.restorej.bench;

import java.io.IOException;
import java.nio.file.Path;

import net.imglib2.Cursor;
import net.imglib2.FinalInterval;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.view.Views;

import org.restorej.tiff.SampleType;
import org.restorej.tiff.write.TiffOutputSpec;
import org.restorej.tiff.write.TiledTiffWriter;

/**
 * Writes large one-channel test images as tiled BigTIFF band by band, so that images of any size are
 * made with little memory: a checkerboard of 64-pixel squares, diagonal ramps and a fine hashed
 * texture, so that a network has edges and texture to change everywhere.
 */
public final class SyntheticTiff {

	private static final int BAND = 256;

	private SyntheticTiff() {}

	/** The pattern's value at (x, y), in 0..1. */
	public static double value(final long x, final long y) {
		final double board = ((x >> 6) + (y >> 6) & 1) == 0 ? 0.25 : 0.65;
		final double ramp = ((x + 2 * y) & 255) / 255.0 * 0.2;
		long h = x * 0x9E3779B97F4A7C15L ^ y * 0xC2B2AE3D27D4EB4FL;
		h ^= h >>> 29;
		h *= 0xBF58476D1CE4E5B9L;
		h ^= h >>> 32;
		final double texture = (h & 1023) / 1023.0 * 0.15;
		return board + ramp + texture;
	}

	/** Writes a {@code width x height} 8- or 16-bit image of the pattern to {@code file}; its size in bytes. */
	public static long write(final Path file, final long width, final long height, final SampleType type,
		final boolean deflate) throws IOException
	{
		return write(file, TiffOutputSpec.of(width, height, 1, 1, 1, type).withDeflate(deflate).withOverwrite(true));
	}

	/**
	 * Writes the pattern as the one-channel, one-plane 8- or 16-bit image {@code spec} describes (its tiles,
	 * compression, byte order, calibration and copied tags); the file's size in bytes.
	 */
	public static long write(final Path file, final TiffOutputSpec spec) throws IOException {
		if (spec.channels() != 1 || spec.slices() != 1 || spec.frames() != 1) throw new IllegalArgumentException(
			"one channel and one plane only");
		return switch (spec.sampleType()) {
			case UINT8 -> write(TiledTiffWriter.<UnsignedByteType> create(file, spec), 255);
			case UINT16 -> write(TiledTiffWriter.<UnsignedShortType> create(file, spec), 65535);
			case FLOAT32 -> throw new IllegalArgumentException("8- or 16-bit only");
		};
	}

	private static <T extends RealType<T> & NativeType<T>> long write(final TiledTiffWriter<T> writer,
		final double scale) throws IOException
	{
		try (writer) {
			final long width = writer.spec().width(), height = writer.spec().height();
			for (long y0 = 0; y0 < height; y0 += BAND) {
				final long y1 = Math.min(height, y0 + BAND);
				final Cursor<T> c = Views.flatIterable(Views.interval(writer.output(), new FinalInterval(new long[] { 0, y0,
					0, 0, 0 }, new long[] { width - 1, y1 - 1, 0, 0, 0 }))).localizingCursor();
				while (c.hasNext()) {
					c.fwd();
					c.get().setReal(Math.round(value(c.getLongPosition(0), c.getLongPosition(1)) * scale));
				}
				writer.rowsFinished(0, 0, y1);
			}
			writer.commit();
			return writer.bytesWritten();
		}
	}
}
