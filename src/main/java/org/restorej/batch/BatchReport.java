package org.restorej.batch;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of every file of a folder, and the files it skipped (neither TIFF nor OME-Zarr).
 */
public record BatchReport(Path input, Path output, List<FileOutcome> outcomes, List<Path> skipped) {

	public BatchReport {
		outcomes = List.copyOf(outcomes);
		skipped = List.copyOf(skipped);
	}

	public BatchReport(final Path input, final Path output, final List<FileOutcome> outcomes) {
		this(input, output, outcomes, List.of());
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
		if (!skipped.isEmpty()) sb.append("\n  ").append(FolderRestore.skippedLine(skipped));
		return sb.toString();
	}
}
