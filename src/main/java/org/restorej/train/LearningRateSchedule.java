package org.restorej.train;

/**
 * The papers' schedule shape: a linear warm-up from 0 to {@code peak} over {@code warmupSteps}, then a
 * cosine decay to {@code floor} at {@code totalSteps}.
 */
public record LearningRateSchedule(double peak, double floor, long warmupSteps, long totalSteps) {

	public LearningRateSchedule {
		if (!(peak > 0) || floor < 0 || floor > peak) throw new IllegalArgumentException(
			"learning rates need 0 <= floor <= peak and peak > 0: " + floor + ", " + peak);
		if (totalSteps < 1 || warmupSteps < 0 || warmupSteps >= totalSteps) throw new IllegalArgumentException(
			"need 0 <= warm-up steps < total steps: " + warmupSteps + ", " + totalSteps);
	}

	/** Learning rate of the 0-based step. */
	public double at(final long step) {
		// step + 1 so that the first update does not have a zero rate
		if (step < warmupSteps) return peak * (step + 1) / warmupSteps;
		final double progress = Math.min(1, (step - warmupSteps) / (double) (totalSteps - warmupSteps));
		return floor + 0.5 * (peak - floor) * (1 + Math.cos(Math.PI * progress));
	}
}
