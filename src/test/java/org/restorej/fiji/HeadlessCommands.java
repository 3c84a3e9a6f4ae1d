package org.restorej.fiji;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/** A plain SciJava Context with every service on the class path, as Fiji's headless mode has, running commands. */
final class HeadlessCommands implements AutoCloseable {

	final Context context = new Context();
	final CommandService commands = context.service(CommandService.class);

	/** Runs the command with its pre- and post-processing, as a script does, and waits for it. */
	CommandModule run(final Class<? extends Command> c, final Map<String, Object> in) throws Exception {
		return commands.run(c, true, in).get(5, TimeUnit.MINUTES);
	}

	@Override
	public void close() {
		context.dispose();
	}
}
