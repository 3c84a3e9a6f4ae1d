package org.restorej.batch;

import java.nio.file.Path;

/**
 * What became of one input file.
 *
 * @param error why it was not written, or null if it was
 */
public record FileOutcome(Path input, Path output, String error, long nanos) {

	public static FileOutcome written(final Path input, final Path output, final long nanos) {
		return new FileOutcome(input, output, null, nanos);
	}

	public static FileOutcome failed(final Path input, final Path output, final String error) {
		return new FileOutcome(input, output, error == null ? "failed" : error, 0);
	}

	public boolean ok() {
		return error == null;
	}

	@Override
	public String toString() {
		return ok() ? String.format("%s -> %s (%.1f s)", input.getFileName(), output, nanos / 1e9) : input
			.getFileName() + ": FAILED: " + error;
	}
}
