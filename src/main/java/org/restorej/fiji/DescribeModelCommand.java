package org.restorej.fiji;

import org.restorej.restore.Models;
import org.restorej.worker.WorkerModels;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Shows a model's description: architecture, task, channels, value range, size rule, tiling, source
 * and the license of its weights. Macro: {@code run("Describe Model", "model=NAME")}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>RestoreJ>Describe Model", headless = true,
	description = "Show what a RestoreJ model is: architecture, task, channels, size rule, license.")
public class DescribeModelCommand extends RestoreJCommand {

	@Parameter(persist = false, label = "Model", description = "The name of an installed model or the path of a model folder.")
	private String model = "";

	@Parameter(type = ItemIO.OUTPUT, label = "Model description")
	private String description;

	@Override
	protected void execute() {
		description = WorkerModels.describe(Models.resolve(model));
		log.info(description);
	}
}
