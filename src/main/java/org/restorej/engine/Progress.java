package org.restorej.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * How far a restoration has come.
 *
 * @param stage what is running: {@link #NORMALISING} or {@link #RESTORING}
 * @param tilesDone tiles restored so far (over all planes and channels)
 * @param tilesTotal tiles to restore in all
 * @param elapsed time since the restoration started
 */
public record Progress(String stage, long tilesDone, long tilesTotal, Duration elapsed) {

	public static final String NORMALISING = "normalising";
	public static final String RESTORING = "restoring";

	/** Fraction of the tiles done, 0 to 1. */
	public double fraction() {
		return tilesTotal == 0 ? 1 : (double) tilesDone / tilesTotal;
	}

	/** Estimated time to finish, from the pace so far; empty before the first tile. */
	public Optional<Duration> remaining() {
		if (tilesDone == 0 || !stage.equals(RESTORING)) return Optional.empty();
		return Optional.of(elapsed.multipliedBy(tilesTotal - tilesDone).dividedBy(tilesDone));
	}

	@Override
	public String toString() {
		return String.format("%s: %d/%d tiles (%.0f%%), %.1f s%s", stage, tilesDone, tilesTotal, 100 * fraction(),
			elapsed.toMillis() / 1000.0, remaining().map(r -> String.format(", ~%.1f s left", r.toMillis() / 1000.0))
				.orElse(""));
	}
}
