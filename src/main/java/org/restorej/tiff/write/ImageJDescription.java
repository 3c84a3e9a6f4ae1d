package org.restorej.tiff.write;

import org.restorej.tiff.PixelCalibration;

/**
 * The ImageDescription ImageJ 1 writes into the first page of its TIFF files, and reads back to
 * rebuild a hyperstack and its calibration: "key=value" lines after an "ImageJ=" version line.
 * Values are formatted as ImageJ formats them (Java's double to string), so ImageJ, Bio-Formats and
 * tifffile read them as they read ImageJ's own files.
 */
final class ImageJDescription {

	/** The ImageJ version the keys follow. */
	static final String VERSION = "1.54p";

	private ImageJDescription() {}

	static String of(final TiffOutputSpec spec) {
		// with channels as samples, ImageJ sees the channels in each pixel, not as images
		final int channels = spec.channelsAsSamples() ? 1 : spec.channels();
		final int images = spec.pages();
		final StringBuilder s = new StringBuilder("ImageJ=").append(VERSION).append('\n');
		if (images > 1) s.append("images=").append(images).append('\n');
		if (channels > 1) s.append("channels=").append(channels).append('\n');
		if (spec.slices() > 1) s.append("slices=").append(spec.slices()).append('\n');
		if (spec.frames() > 1) s.append("frames=").append(spec.frames()).append('\n');
		final int dimensions = (channels > 1 ? 1 : 0) + (spec.slices() > 1 ? 1 : 0) + (spec.frames() > 1 ? 1 : 0);
		if (dimensions > 1) s.append("hyperstack=true\n");
		final PixelCalibration cal = spec.calibration();
		if (cal.calibrated()) s.append("unit=").append(escape(cal.unit())).append('\n');
		if (images > 1 && cal.pixelDepth() != 1) s.append("spacing=").append(cal.pixelDepth()).append('\n');
		if (images > 1 && cal.frameInterval() != 0) s.append("finterval=").append(cal.frameInterval()).append('\n');
		return s.toString();
	}

	/** ImageJ writes characters beyond ASCII (the micro sign of "µm") as Java escapes, and reads them back so. */
	static String escape(final String text) {
		final StringBuilder s = new StringBuilder();
		for (final char ch : text.toCharArray())
			if (ch >= 32 && ch < 127) s.append(ch);
			else s.append(String.format("\\u%04X", (int) ch));
		return s.toString();
	}
}
