package org.restorej.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A model's description as lines for people: architecture, task, channels, size rule, license. */
public final class ModelSummary {

	private ModelSummary() {}

	public static List<String> lines(final ModelDescription d, final Path dir) {
		final List<String> l = new ArrayList<>();
		l.add("Model:        " + d.name() + " (" + dir + ")");
		l.add("Architecture: " + d.architecture() + " " + d.config());
		l.add("Task:         " + d.task());
		l.add("Input:        " + d.input().count() + " channel(s) " + d.input().meaning());
		l.add("Output:       " + d.output().count() + " channel(s) " + d.output().meaning());
		if (d.valueRange() != null) l.add("Values:       [" + d.valueRange().min() + ", " + d.valueRange().max() +
			"], " + d.valueRange().note());
		l.add("Size rule:    " + (d.size().square() ? "square, " : "") + "multiple of " + d.size().multiple() + " (" + d
			.size().officialHandling() + "). " + (d.size().note() == null ? "" : d.size().note()));
		l.add("Normalize:    " + d.normalization().text() + " (what normalize=auto applies)");
		if (d.tiling() != null) l.add("Tiling:       tile " + d.tiling().tileSize() + ", halo " + d.tiling().halo());
		// a trained model has no checkpoint file, so no checksum to show
		if (d.source() != null) l.add(String.format("Source:       %s%s, %,d parameters", d.source().checkpoint(), d
			.source().sha256() == null ? "" : " (sha256 " + d.source().sha256() + ")", d.source().parameters()));
		if (d.license() != null) {
			l.add("License:      " + d.license().name() + (d.license().commercialUse() ? "" : " (NON-COMMERCIAL)") + " " +
				d.license().url());
			l.add("              " + d.license().notice());
		}
		return l;
	}

	public static String text(final ModelDescription d, final Path dir) {
		return String.join("\n", lines(d, dir));
	}
}
