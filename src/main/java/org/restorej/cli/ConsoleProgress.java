package org.restorej.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.restorej.engine.Progress;

/**
 * A one-line progress bar on standard error, redrawn in place at most ten times a second, when standard
 * error is a terminal; otherwise (a log file, a pipe) a plain progress line every ten seconds and the
 * finished images, one line each, so that logs of batch jobs stay readable and still show a long run going.
 */
final class ConsoleProgress {

	private static final int WIDTH = 30;
	private static final long REDRAW_MILLIS = 100;
	/** Between progress lines in a log: a 47 s image gets four, a folder of hours a few hundred per hour. */
	static final long LOG_LINE_MILLIS = 10_000;

	private final PrintStream err;
	private final boolean terminal;
	private final LongSupplier clock;
	private String image = "";
	private long lastDraw, lastLine = -1;
	private boolean drawn;

	ConsoleProgress(final PrintStream err, final boolean terminal) {
		this(err, terminal, System::currentTimeMillis);
	}

	ConsoleProgress(final PrintStream err, final boolean terminal, final LongSupplier clock) {
		this.err = err;
		this.terminal = terminal;
		this.clock = clock;
	}

	static ConsoleProgress onStandardError() {
		return new ConsoleProgress(System.err, System.console() != null);
	}

	void image(final String name) {
		image = name;
		lastLine = -1;
	}

	void progress(final Progress p) {
		if (!terminal) {
			logLine(p);
			return;
		}
		final long now = clock.getAsLong();
		if (now - lastDraw < REDRAW_MILLIS && p.tilesDone() < p.tilesTotal()) return;
		lastDraw = now;
		final int filled = (int) Math.round(p.fraction() * WIDTH);
		err.print("\r" + image + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + status(p) + "   ");
		err.flush();
		drawn = true;
	}

	/** In a log: a line once {@link #LOG_LINE_MILLIS} have passed since the image started or the last line. */
	private void logLine(final Progress p) {
		final long now = clock.getAsLong();
		if (lastLine < 0) lastLine = now;
		if (now - lastLine < LOG_LINE_MILLIS || p.tilesDone() >= p.tilesTotal()) return;
		lastLine = now;
		err.println(image + ": " + status(p).trim());
		err.flush();
	}

	/** {@code " 40% 12/30 tiles, 20 s left"}. */
	private static String status(final Progress p) {
		return String.format(Locale.ROOT, "%3.0f%% %d/%d tiles", 100 * p.fraction(), p.tilesDone(), p.tilesTotal()) + p
			.remaining().map(r -> String.format(Locale.ROOT, ", %d s left", r.toSeconds())).orElse("");
	}

	/** Ends the bar's line with {@code line} (a finished image or a failure). */
	void line(final String line) {
		if (drawn) err.print("\r\033[K");
		drawn = false;
		err.println(line);
		err.flush();
	}
}
