package org.restorej.batch;

import java.nio.file.Path;

/**
 * What became of one input file.
 *
 * @param error why it was not written, or null if it was
 * @param note what reading did to the values (e.g. signed 16-bit read as 32-bit float), or null
 */
public record FileOutcome(Path input, Path output, String error, long nanos, String note) {

	public static FileOutcome written(final Path input, final Path output, final long nanos, final String note) {
		return new FileOutcome(input, output, null, nanos, note);
	}

	public static FileOutcome failed(final Path input, final Path output, final String error) {
		return new FileOutcome(input, output, error == null ? "failed" : error, 0, null);
	}

	public boolean ok() {
		return error == null;
	}

	@Override
	public String toString() {
		return ok() ? String.format("%s -> %s (%.1f s)%s", input.getFileName(), output, nanos / 1e9, note == null ? ""
			: "; note: " + note) : input.getFileName() + ": FAILED: " + error;
	}
}
