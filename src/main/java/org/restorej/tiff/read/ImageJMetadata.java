package org.restorej.tiff.read;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.restorej.tiff.TiffField;
import org.restorej.tiff.TiffTag;

/**
 * What ImageJ 1 keeps in its TIFFs beyond the pixels and the calibration, so that a file read by
 * RestoreJ's reader becomes the ImagePlus ImageJ would have opened: the keys of its ImageDescription
 * ({@code mode=composite}, {@code min}, {@code max}, origins) and its private IJMetadata tags (slice
 * labels, the Info property, per-channel display ranges and LUTs). Empty for files ImageJ did not write.
 *
 * @param description the ImageDescription's {@code key=value} lines, when it starts with {@code ImageJ=}
 * @param labels one per page, or empty
 * @param info the image's Info property, or null
 * @param ranges min and max per channel, or empty
 * @param luts 768 bytes per channel (256 reds, greens, blues), or empty
 */
public record ImageJMetadata(Map<String, String> description, List<String> labels, String info, double[] ranges,
	List<byte[]> luts)
{
	/** ImageJ's IJMetadataByteCounts and IJMetadata tags, and the kinds of entry it stores there. */
	static final int BYTE_COUNTS_TAG = 50838, DATA_TAG = 50839;
	private static final int MAGIC = 0x494a494a, INFO = 0x696e666f, LABELS = 0x6c61626c, RANGES = 0x72616e67,
		LUTS = 0x6c757473;

	public ImageJMetadata {
		description = Map.copyOf(description);
		labels = java.util.Collections.unmodifiableList(new ArrayList<>(labels));
		luts = List.copyOf(luts);
	}

	/** A description key as a number, or NaN when absent or not a number. */
	public double number(final String key) {
		final String v = description.get(key);
		if (v == null) return Double.NaN;
		try {
			return Double.parseDouble(v);
		}
		catch (final NumberFormatException e) {
			return Double.NaN;
		}
	}

	static ImageJMetadata of(final TiffImageInfo file) {
		final Map<String, String> keys = new HashMap<>();
		final TiffField d = file.field(TiffTag.IMAGE_DESCRIPTION);
		if (d != null && d.text().startsWith("ImageJ=")) for (final String line : d.text().split("\n")) {
			final int eq = line.indexOf('=');
			if (eq > 0) keys.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
		}
		final List<String> labels = new ArrayList<>();
		final List<byte[]> luts = new ArrayList<>();
		String info = null;
		double[] ranges = new double[0];
		final TiffField counts = file.field(BYTE_COUNTS_TAG), data = file.field(DATA_TAG);
		try {
			if (counts != null && data != null) {
				final long[] n = counts.longValues();
				final ByteBuffer b = ByteBuffer.wrap(data.bytes()).order(file.byteOrder());
				final int header = (int) n[0];
				if (header >= 12 && b.getInt(0) == MAGIC) {
					int at = header, entry = 1;
					for (int k = 4; k + 8 <= header; k += 8) {
						final int type = b.getInt(k), items = b.getInt(k + 4);
						for (int i = 0; i < items; i++, entry++) {
							final int len = (int) n[entry];
							switch (type) {
								case INFO -> info = text(b, at, len);
								case LABELS -> labels.add(text(b, at, len));
								case RANGES -> {
									ranges = new double[len / 8];
									for (int r = 0; r < ranges.length; r++)
										ranges[r] = b.getDouble(at + 8 * r);
								}
								case LUTS -> {
									final byte[] lut = new byte[len];
									b.get(at, lut);
									if (len == 768) luts.add(lut);
								}
								default -> {
									// ROIs, overlays, plots and properties: not carried into a restored image
								}
							}
							at += len;
						}
					}
				}
			}
		}
		catch (final RuntimeException e) {
			// malformed ImageJ metadata is dropped, as ImageJ drops it: the pixels are still good
			return new ImageJMetadata(keys, List.of(), null, new double[0], List.of());
		}
		return new ImageJMetadata(keys, labels, info, ranges, luts);
	}

	/** ImageJ stores its strings as UTF-16 code units in the file's byte order. */
	private static String text(final ByteBuffer b, final int at, final int len) {
		final char[] chars = new char[len / 2];
		for (int i = 0; i < chars.length; i++)
			chars[i] = b.getChar(at + 2 * i);
		return new String(chars);
	}
}
