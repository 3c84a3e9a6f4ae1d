package org.restorej.fiji;

import java.awt.GraphicsEnvironment;

import ij.IJ;

import org.restorej.engine.Progress;
import org.restorej.restore.RunMonitor;
import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.task.Task;
import org.scijava.task.TaskService;

/**
 * A command's restoration or training as SciJava shows it: a task (Fiji's task list, with its own cancel), the
 * status bar, and the log. A cancel of the command or the task, or Esc, stops the work.
 */
final class CommandMonitor implements AutoCloseable {

	private final ContextCommand command;
	private final StatusService status;
	private final LogService log;
	private final Task task;
	private String prefix = "";

	CommandMonitor(final ContextCommand command, final StatusService status, final TaskService tasks,
		final LogService log, final String name)
	{
		this.command = command;
		this.status = status;
		this.log = log;
		this.task = tasks == null ? null : tasks.createTask("RestoreJ: " + name);
		if (task != null) task.start();
		// Esc cancels as it does ImageJ's own commands; a stale one from earlier must not
		IJ.resetEscape();
	}

	/** Prefixes status messages, e.g. {@code "image 2/5: "} in a folder. */
	void prefix(final String p) {
		prefix = p;
	}

	RunMonitor monitor() {
		return new RunMonitor(this::progress, this::cancelled, m -> {
			if (log != null) log.info(m);
		}, m -> {
			if (log != null) log.warn("RestoreJ: " + m);
			// the Log window, where ImageJ users look; headless, the line above already reached the console
			if (!GraphicsEnvironment.isHeadless()) IJ.log("RestoreJ warning: " + m);
		});
	}

	boolean cancelled() {
		return command.isCanceled() || task != null && task.isCanceled() || IJ.escapePressed();
	}

	private void progress(final Progress p) {
		show(p.tilesDone(), p.tilesTotal(), prefix + p);
	}

	/** Shows how far the work has come ({@code done} of {@code total} tiles, steps, ...) in the task and the status bar. */
	void show(final long done, final long total, final String text) {
		final String message = "RestoreJ: " + text;
		if (task != null) {
			task.setProgressMaximum(Math.max(1, total));
			task.setProgressValue(done);
			task.setStatusMessage(message);
		}
		if (status != null) status.showStatus((int) Math.min(Integer.MAX_VALUE, done), (int) Math.min(
			Integer.MAX_VALUE, Math.max(1, total)), message);
	}

	@Override
	public void close() {
		if (task != null) task.finish();
		if (status != null) status.clearStatus();
	}
}
