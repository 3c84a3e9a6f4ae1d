package org.restorej.cli;

import java.io.PrintStream;

import org.restorej.engine.Progress;

/**
 * A one-line progress bar on standard error, redrawn in place at most ten times a second, when standard
 * error is a terminal; otherwise only the finished images are printed, one line each, so that logs of
 * batch jobs stay readable.
 */
final class ConsoleProgress {

	private static final int WIDTH = 30;
	private static final long REDRAW_MILLIS = 100;

	private final PrintStream err;
	private final boolean terminal;
	private String image = "";
	private long lastDraw;
	private boolean drawn;

	ConsoleProgress(final PrintStream err, final boolean terminal) {
		this.err = err;
		this.terminal = terminal;
	}

	static ConsoleProgress onStandardError() {
		return new ConsoleProgress(System.err, System.console() != null);
	}

	void image(final String name) {
		image = name;
	}

	void progress(final Progress p) {
		if (!terminal) return;
		final long now = System.currentTimeMillis();
		if (now - lastDraw < REDRAW_MILLIS && p.tilesDone() < p.tilesTotal()) return;
		lastDraw = now;
		final int filled = (int) Math.round(p.fraction() * WIDTH);
		err.print("\r" + image + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + String.format(
			"%3.0f%% %d/%d tiles", 100 * p.fraction(), p.tilesDone(), p.tilesTotal()) + p.remaining().map(r -> String
				.format(", %d s left", r.toSeconds())).orElse("") + "   ");
		err.flush();
		drawn = true;
	}

	/** Ends the bar's line with {@code line} (a finished image or a failure). */
	void line(final String line) {
		if (drawn) err.print("\r\033[K");
		drawn = false;
		err.println(line);
		err.flush();
	}
}
