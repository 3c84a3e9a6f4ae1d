package org.restorej.engine;

import java.time.Duration;

/** The state of one restoration call: tiles done, cancellation, the tile size known to be too big. */
final class RestoreRun {

	final RestoreOptions options;
	/** The network's outputs, checked for values off scale. */
	final OutputRangeCheck outputs;
	private final long total;
	private final long start = System.nanoTime();
	private volatile long done;
	private String stage;
	/** Tiles this large (or larger) ran out of device memory: later ones are split at once. */
	private volatile int failingTileSize = Integer.MAX_VALUE;

	RestoreRun(final RestoreOptions options, final long total, final OutputRangeCheck outputs) {
		this.options = options;
		this.outputs = outputs;
		this.total = total;
	}

	/** Throws {@link CancelledException} if the caller cancelled (or interrupted the thread). */
	void checkpoint() {
		if (options.cancelled().getAsBoolean() || Thread.currentThread().isInterrupted())
			throw new CancelledException(options.inputName(), done, total);
	}

	/** Reports a new stage (once: later calls with the same stage are ignored). */
	void started(final String stage) {
		if (stage.equals(this.stage)) return;
		this.stage = stage;
		options.progress().progress(new Progress(stage, done, total, elapsed()));
	}

	void tileDone() {
		done++;
		options.progress().progress(new Progress(Progress.RESTORING, done, total, elapsed()));
	}

	long tilesDone() {
		return done;
	}

	Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/** A batch ran out of device memory: later tiles go one at a time. */
	private volatile boolean singleTiles;

	boolean batchTooLarge(final int tiles) {
		return singleTiles && tiles > 1;
	}

	void tooLargeBatch() {
		singleTiles = true;
	}

	boolean knownTooLarge(final int tileSize) {
		return tileSize >= failingTileSize;
	}

	void tooLarge(final int tileSize) {
		failingTileSize = Math.min(failingTileSize, tileSize);
	}
}
