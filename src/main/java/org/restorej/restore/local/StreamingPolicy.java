package org.restorej.restore.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.restorej.batch.FileStreaming;
import org.restorej.restore.InvalidSettingException;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.tiff.InvalidTiffException;
import org.restorej.tiff.read.TiffImage;
import org.restorej.tiff.read.TiffImageInfo;

/**
 * Which files the command line restores as streams (read and written region by region) and which it
 * loads into ImageJ: {@code on} streams every file, {@code off} none, and {@code auto} the files ImageJ
 * could not load or hold: BigTIFF, tiled TIFF, and images whose input and output together would take
 * more than half the heap.
 */
public final class StreamingPolicy implements FileStreaming {

	public enum Mode {
		AUTO, ON, OFF;

		public static Mode parse(final String s) {
			try {
				return valueOf(s.trim().toUpperCase(Locale.ROOT));
			}
			catch (final IllegalArgumentException e) {
				throw new InvalidSettingException("streaming", s, "auto, on or off");
			}
		}
	}

	private final StreamingTiffRestore restore;
	private final Mode mode;
	private final StreamingTiffRestore.Compression compression;
	private final long heap;

	StreamingPolicy(final StreamingTiffRestore restore, final Mode mode,
		final StreamingTiffRestore.Compression compression, final long heap)
	{
		this.restore = restore;
		this.mode = mode;
		this.compression = compression;
		this.heap = heap;
	}

	public static StreamingTiffRestore.Compression compression(final String s) {
		try {
			return StreamingTiffRestore.Compression.valueOf(s.trim().toUpperCase(Locale.ROOT));
		}
		catch (final IllegalArgumentException e) {
			throw new InvalidSettingException("compression", s, "auto, none or deflate");
		}
	}

	@Override
	public boolean streams(final Path input) {
		if (mode != Mode.AUTO) return mode == Mode.ON;
		final TiffImageInfo info;
		try (TiffImage image = TiffImage.open(input, 0)) {
			info = image.info();
		}
		catch (final InvalidTiffException e) {
			// a TIFF kind only ImageJ reads (or no TIFF at all): ImageJ's path reports what is wrong
			return false;
		}
		return info.bigTiff() || info.tiled() || tooLargeToLoad(info, heap);
	}

	/** Input samples plus float output samples (the larger output) above half of {@code heap} bytes. */
	public static boolean tooLargeToLoad(final TiffImageInfo info, final long heap) {
		final double bytes = (double) info.pixels() * (info.sampleType().bytes() + 4);
		return bytes > heap / 2.0;
	}

	@Override
	public void restore(final Path input, final Path output, final RestoreSettings settings, final boolean overwrite,
		final RunMonitor monitor) throws IOException
	{
		stream(input, output, settings, overwrite, monitor);
	}

	/** Streams {@code input} into {@code output} whatever the mode, and says what it moved. */
	public StreamingResult stream(final Path input, final Path output, final RestoreSettings settings,
		final boolean overwrite, final RunMonitor monitor) throws IOException
	{
		final StreamingResult r = restore.restore(input, output, settings, compression, overwrite, monitor);
		monitor.log().accept("Streamed " + input.getFileName() + " to " + output.getFileName() + ": " + r);
		return r;
	}
}
