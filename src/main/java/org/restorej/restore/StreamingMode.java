package org.restorej.restore;

import java.nio.file.Path;

import org.restorej.restore.EnumOptions;
import org.restorej.tiff.InvalidTiffException;
import org.restorej.tiff.read.TiffImageInfo;

/**
 * Which files are restored as streams (read and written region by region) rather than loaded into
 * ImageJ: {@code on} every file, {@code off} none, and {@code auto} BigTIFF and tiled TIFF (restored into
 * tiled BigTIFF, as they came) and images whose input and output together would take more than half the
 * heap of the JVM that would load them. Every front end decides here, the command line and Fiji alike.
 */
public enum StreamingMode {
	AUTO, ON, OFF;

	/** {@code auto}, {@code on} or {@code off}, any case; empty means {@code auto}. */
	public static StreamingMode parse(final String s) {
		return EnumOptions.parse(StreamingMode.class, "streaming", s, "auto, on or off");
	}

	/**
	 * Whether {@code input} is streamed when the JVM that would load it has {@code heap} bytes. Reads
	 * only the file's header and directories.
	 */
	public boolean streams(final Path input, final long heap) {
		if (this != AUTO) return this == ON;
		final TiffImageInfo info;
		try {
			info = TiffImageInfo.read(input);
		}
		catch (final InvalidTiffException e) {
			// no TIFF RestoreJ reads: loading it reports what is wrong
			return false;
		}
		return info.bigTiff() || info.tiled() || tooLargeToLoad(info, heap);
	}

	/** Input samples plus float output samples (the larger output) above half of {@code heap} bytes. */
	public static boolean tooLargeToLoad(final TiffImageInfo info, final long heap) {
		final double bytes = (double) info.pixels() * (info.sampleType().bytes() + 4);
		return bytes > heap / 2.0;
	}
}
