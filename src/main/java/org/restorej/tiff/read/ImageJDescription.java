package org.restorej.tiff.read;

import java.util.HashMap;
import java.util.Map;

/**
 * The keys ImageJ writes into the ImageDescription of its TIFFs ("ImageJ=1.54f\nimages=24\nchannels=2\n
 * slices=3\nframes=4\nunit=micron\nspacing=0.5\n..."): the hyperstack shape (planes in czt order, c fastest)
 * and the calibration ImageJ keeps outside the TIFF tags.
 *
 * @param unit the length unit, or null when absent
 * @param spacing the z step, or NaN when absent
 * @param frameInterval the time step, or NaN when absent
 */
record ImageJDescription(int images, int channels, int slices, int frames, String unit, double spacing,
	double frameInterval)
{
	/** The description's ImageJ keys, or null if it was not written by ImageJ. */
	static ImageJDescription parse(final String text) {
		if (text == null || !text.startsWith("ImageJ=")) return null;
		final Map<String, String> keys = new HashMap<>();
		for (final String line : text.split("\n")) {
			final int eq = line.indexOf('=');
			if (eq > 0) keys.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
		}
		final int channels = count(keys.get("channels"));
		final int slices = count(keys.get("slices"));
		final int frames = count(keys.get("frames"));
		final int images = keys.containsKey("images") ? count(keys.get("images")) : channels * slices * frames;
		return new ImageJDescription(images, channels, slices, frames, unit(keys.get("unit")), real(keys.get(
			"spacing")), real(keys.get("finterval")));
	}

	/** ImageJ escapes the micro sign; "um" and "micron" are its spellings of micrometre. */
	private static String unit(final String u) {
		if (u == null || u.isBlank()) return null;
		final String unescaped = u.replace("\\u00B5", "\u00B5");
		return unescaped.equals("um") || unescaped.equals("micron") ? "\u00B5m" : unescaped;
	}

	private static int count(final String s) {
		if (s == null) return 1;
		try {
			return Math.max(1, Integer.parseInt(s));
		}
		catch (final NumberFormatException e) {
			return 1;
		}
	}

	private static double real(final String s) {
		if (s == null) return Double.NaN;
		try {
			return Double.parseDouble(s);
		}
		catch (final NumberFormatException e) {
			return Double.NaN;
		}
	}
}
