package org.restorej.batch;

import java.nio.file.Path;
import java.util.List;

/** The outcome of every file of a folder. */
public record BatchReport(Path input, Path output, List<FileOutcome> outcomes) {

	public BatchReport {
		outcomes = List.copyOf(outcomes);
	}

	public List<FileOutcome> failures() {
		return outcomes.stream().filter(o -> !o.ok()).toList();
	}

	public long written() {
		return outcomes.stream().filter(FileOutcome::ok).count();
	}

	public boolean ok() {
		return failures().isEmpty();
	}

	/** {@code 3 of 4 images restored into out/; failed: bad.tif (...)}. */
	public String summary() {
		final StringBuilder sb = new StringBuilder(written() + " of " + outcomes.size() + " image(s) from " + input +
			" restored into " + output);
		for (final FileOutcome f : failures())
			sb.append("\n  ").append(f);
		return sb.toString();
	}
}
