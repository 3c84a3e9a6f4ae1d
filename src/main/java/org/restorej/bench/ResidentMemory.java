package org.restorej.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident memory as Linux counts it (heap, TensorFlow's native buffers, mapped files):
 * its peak since start or since the last {@link #resetPeak()}. Heap meters miss TensorFlow's memory,
 * which is most of what a restore holds.
 */
final class ResidentMemory {

	private static final Path STATUS = Path.of("/proc/self/status"), CLEAR_REFS = Path.of("/proc/self/clear_refs");

	private ResidentMemory() {}

	/** Sets the peak to the current resident size (Linux: "5" written to clear_refs). */
	static void resetPeak() {
		try {
			Files.writeString(CLEAR_REFS, "5");
		}
		catch (final IOException e) {
			throw new UncheckedIOException("cannot reset the peak resident size in " + CLEAR_REFS +
				" (Linux only): run one size per process", e);
		}
	}

	/** VmHWM: the highest resident size, in bytes. */
	static long peak() {
		try {
			for (final String line : Files.readAllLines(STATUS))
				if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
		}
		catch (final IOException e) {
			throw new UncheckedIOException("cannot read " + STATUS + " (Linux only)", e);
		}
		throw new IllegalStateException(STATUS + " has no VmHWM line");
	}
}
