package org.restorej.fiji;

import java.io.File;

import org.restorej.RestoreJException;
import org.restorej.restore.Models;
import org.restorej.worker.WorkerModels;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Writes a model as a bioimage.io model package (format 0.5) for deepImageJ, bioimageio.core and the other
 * tools of bioimage.io. Macro: {@code run("Export Model", "model=NAME output=[/path/model.zip]
 * format=bioimageio")}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>RestoreJ>Export Model", headless = true,
	description = "Write a RestoreJ model as a bioimage.io model package (.zip).")
public class ExportModelCommand extends RestoreJCommand {

	@Parameter(persist = false, label = "Model", description = "The name of an installed model or the path of a model folder.")
	private String model = "";

	@Parameter(persist = false, label = "Package to write (.zip)", style = "save", required = false)
	private File output;

	@Parameter(persist = false, label = "Format", choices = { "bioimageio" }, required = false)
	private String format = "bioimageio";

	@Parameter(persist = false, label = "Replace an existing package", required = false)
	private boolean overwrite;

	@Parameter(type = ItemIO.OUTPUT, label = "Export")
	private String report;

	@Override
	protected void execute() {
		if (format != null && !format.isBlank() && !format.equals("bioimageio")) throw new RestoreJException(
			"Unknown package format '" + format + "': pass format=bioimageio.");
		if (output == null || output.getPath().isEmpty() || !output.getName().toLowerCase().endsWith(".zip"))
			throw new RestoreJException("No package given: pass output=[path of the .zip to write].");
		report = WorkerModels.exportPackage(Models.resolve(model), output.toPath(), overwrite);
		log.info(report);
	}
}
