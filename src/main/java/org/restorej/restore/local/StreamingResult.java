package org.restorej.restore.local;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a streamed restoration moved: samples restored, bytes read from the input file (as stored,
 * compressed or not), bytes written to the output file, and the wall time. Plain values, so that the
 * worker can send one back to Fiji ({@link #toMap()}, {@link #fromMap}).
 */
public record StreamingResult(long samples, long bytesRead, long bytesWritten, long nanos) {

	public double seconds() {
		return nanos / 1e9;
	}

	/** Input and output bytes per second, in MB/s (10^6 bytes). */
	public double ioMegabytesPerSecond() {
		return (bytesRead + bytesWritten) / 1e6 / seconds();
	}

	public Map<String, String> toMap() {
		final Map<String, String> m = new LinkedHashMap<>();
		m.put("samples", Long.toString(samples));
		m.put("bytesRead", Long.toString(bytesRead));
		m.put("bytesWritten", Long.toString(bytesWritten));
		m.put("nanos", Long.toString(nanos));
		return m;
	}

	public static StreamingResult fromMap(final Map<String, String> m) {
		return new StreamingResult(Long.parseLong(m.get("samples")), Long.parseLong(m.get("bytesRead")), Long
			.parseLong(m.get("bytesWritten")), Long.parseLong(m.get("nanos")));
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%d samples in %.1f s (%.1f MP/s); read %.1f MB, wrote %.1f MB (%.1f MB/s)",
			samples, seconds(), samples / 1e6 / seconds(), bytesRead / 1e6, bytesWritten / 1e6, ioMegabytesPerSecond());
	}
}
