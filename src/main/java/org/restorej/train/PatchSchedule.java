package org.restorej.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.restorej.RestoreJException;
import org.restorej.nn.SizeRule;

/**
 * Restormer's progressive training: stages of growing patch size and shrinking batch, each for a number
 * of steps. Written {@code PATCHxBATCH:STEPS,...}, e.g. {@code 64x8:1000,96x4:600,128x2}; the last stage
 * may omit its steps and then runs to the end. A single stage ({@code 64x8}) is plain fixed-size training.
 */
public record PatchSchedule(List<Stage> stages) {

	public record Stage(int patch, int batch, long steps) {}

	public PatchSchedule {
		stages = List.copyOf(stages);
		if (stages.isEmpty()) throw new IllegalArgumentException("a patch schedule needs a stage");
	}

	public static PatchSchedule parse(final String text, final long totalSteps) {
		final List<Stage> stages = new ArrayList<>();
		final String[] parts = text.trim().toLowerCase(Locale.ROOT).split("\\s*,\\s*");
		long used = 0;
		for (int i = 0; i < parts.length; i++) {
			final String p = parts[i];
			final String[] sizeAndSteps = p.split(":");
			final String[] pb = sizeAndSteps[0].split("x");
			try {
				if (pb.length != 2 || sizeAndSteps.length > 2) throw new NumberFormatException();
				final int patch = Integer.parseInt(pb[0].trim()), batch = Integer.parseInt(pb[1].trim());
				final boolean last = i == parts.length - 1;
				if (sizeAndSteps.length == 1 && !last) throw new NumberFormatException();
				final long steps = sizeAndSteps.length == 2 ? Long.parseLong(sizeAndSteps[1].trim()) : totalSteps - used;
				if (patch < 1 || batch < 1 || steps < 1) throw new NumberFormatException();
				stages.add(new Stage(patch, batch, steps));
				used += steps;
			}
			catch (final NumberFormatException e) {
				throw new RestoreJException("Patch schedule '" + text + "': stage '" + p + "' is not PATCHxBATCH:STEPS " +
					"with positive numbers (the last stage may omit :STEPS), e.g. 64x8:1000,96x4:600,128x2.");
			}
		}
		if (used != totalSteps) throw new RestoreJException("Patch schedule '" + text + "' covers " + used +
			" steps but training runs " + totalSteps + ": make the stages add up, or leave the last one open.");
		return new PatchSchedule(stages);
	}

	/** The stage the 0-based step falls in (the last one beyond the end). */
	public Stage at(final long step) {
		long end = 0;
		for (final Stage s : stages) {
			end += s.steps();
			if (step < end) return s;
		}
		return stages.get(stages.size() - 1);
	}

	public long totalSteps() {
		return stages.stream().mapToLong(Stage::steps).sum();
	}

	/** Throws unless every patch size is one the network accepts. */
	public void check(final SizeRule rule, final String network) {
		for (final Stage s : stages)
			if (!rule.accepts(s.patch(), s.patch())) throw new RestoreJException("Patch size " + s.patch() +
				" does not suit " + network + ", whose sides must be a " + rule + ": change the patch schedule.");
	}

	@Override
	public String toString() {
		final StringBuilder b = new StringBuilder();
		for (int i = 0; i < stages.size(); i++) {
			final Stage s = stages.get(i);
			if (i > 0) b.append(',');
			b.append(s.patch()).append('x').append(s.batch()).append(':').append(s.steps());
		}
		return b.toString();
	}
}
