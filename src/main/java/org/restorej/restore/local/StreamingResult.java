package org.restorej.restore.local;

import java.util.Locale;

/**
 * What a streamed restoration moved: samples restored, bytes read from the input file (as stored,
 * compressed or not), bytes written to the output file, and the wall time.
 */
public record StreamingResult(long samples, long bytesRead, long bytesWritten, long nanos) {

	public double seconds() {
		return nanos / 1e9;
	}

	/** Input and output bytes per second, in MB/s (10^6 bytes). */
	public double ioMegabytesPerSecond() {
		return (bytesRead + bytesWritten) / 1e6 / seconds();
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%d samples in %.1f s (%.1f MP/s); read %.1f MB, wrote %.1f MB (%.1f MB/s)",
			samples, seconds(), samples / 1e6 / seconds(), bytesRead / 1e6, bytesWritten / 1e6, ioMegabytesPerSecond());
	}
}
