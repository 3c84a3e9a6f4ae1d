package org.restorej.fiji;

import java.io.File;
import java.nio.file.Files;

import org.restorej.RestoreJException;
import org.restorej.worker.WorkerModels;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Imports an official Restormer or AST checkpoint (.pth) into a model folder, e.g. in
 * {@code Fiji.app/models/NAME} where the other commands find it by name. Macro:
 * {@code run("Import Checkpoint", "checkpoint=[...] output=[...] preset=restormer-real-denoising")}.
 * An import runs to its end: stopping the worker half-way would leave a half-written model folder.
 */
@Plugin(type = Command.class, menuPath = "Plugins>RestoreJ>Import Checkpoint", headless = true,
	description = "Convert an official Restormer or AST checkpoint (.pth) into a RestoreJ model folder.")
public class ImportCheckpointCommand extends RestoreJCommand {

	@Parameter(persist = false, label = "Checkpoint (.pth)", style = "open", required = false)
	private File checkpoint;

	@Parameter(persist = false, label = "Model folder to create", style = "directory", required = false)
	private File output;

	@Parameter(persist = false, label = "Preset", required = false, description = "The official task (e.g. " +
		"restormer-real-denoising, ast-spad-deraining), or detect to read the configuration from the checkpoint.")
	private String preset = "detect";

	@Parameter(persist = false, label = "Name", required = false, description = "The model's name (default: the preset's).")
	private String name = "";

	@Parameter(persist = false, label = "Replace an existing model folder", required = false)
	private boolean overwrite;

	@Parameter(type = ItemIO.OUTPUT, label = "Model description")
	private String description;

	@Override
	protected void execute() {
		if (checkpoint == null || checkpoint.getPath().isEmpty()) throw new RestoreJException("No checkpoint " +
			"given: pass checkpoint=[path of the .pth file].");
		if (!Files.isRegularFile(checkpoint.toPath())) throw new RestoreJException("The checkpoint " + checkpoint +
			" does not exist: pass the path of an official .pth file.");
		final File out = output;
		if (out == null || out.getPath().isEmpty()) throw new RestoreJException("No model folder given: pass " +
			"output=[path of the model folder to create].");
		final String p = preset == null || preset.isBlank() || preset.trim().equalsIgnoreCase("detect") ? "" : preset;
		description = WorkerModels.importCheckpoint(checkpoint.toPath(), out.toPath(), p, name, overwrite, m -> log
			.info("RestoreJ: " + m), () -> false);
		log.info(description);
	}
}
