package org.restorej.fiji;

import org.restorej.RestoreJException;
import org.restorej.engine.CancelledException;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.ui.DialogPrompt;
import org.scijava.ui.UIService;

/**
 * What every RestoreJ command does with a failure a user can act on: the command is cancelled with
 * the message as its reason (what a script or test sees), which also goes to the log and, with a user
 * interface, to an error dialog. Anything else is a bug and propagates as usual.
 */
abstract class RestoreJCommand extends ContextCommand {

	@Parameter
	protected LogService log;

	@Parameter(required = false)
	private UIService ui;

	/** Whether a user sees this command's dialog (not headless, not a script's plain Context). */
	protected boolean interactive() {
		return ui != null && !ui.isHeadless();
	}

	/** The command's work; RestoreJ failures become the command's cancel reason. */
	protected abstract void execute() throws Exception;

	@Override
	public final void run() {
		try {
			execute();
		}
		catch (final CancelledException e) {
			if (!isCanceled()) cancel(e.getMessage());
			log.info("RestoreJ: " + e.getMessage());
		}
		catch (final RestoreJException e) {
			refuse(e.getMessage());
		}
		catch (final RuntimeException e) {
			throw e;
		}
		catch (final Exception e) {
			refuse(e.getMessage() == null ? e.toString() : e.getMessage());
		}
	}

	private void refuse(final String message) {
		if (!isCanceled()) cancel(message);
		log.error("RestoreJ: " + message);
		if (interactive()) ui.showDialog(message, "RestoreJ", DialogPrompt.MessageType.ERROR_MESSAGE);
	}
}
