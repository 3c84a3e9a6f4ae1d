package org.restorej.fiji;

import ij.ImagePlus;

import org.restorej.imagej.ImagePlanes;
import org.restorej.restore.ImageRestorer;
import org.restorej.restore.RestoreSettings;
import org.restorej.worker.WorkerImageRestorer;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Restores the current image into a new one (same calibration, dimensions and slice labels, title
 * suffixed {@code -restored}); the input is not changed. Macro:
 * {@code run("Restore Image", "model=NAME tile=auto halo=auto normalize=auto ...")}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>RestoreJ>Restore Image", headless = true,
	description = "Restore the current image with a RestoreJ model (Restormer or AST).")
public class RestoreImageCommand extends RestoreParameters {

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(type = ItemIO.OUTPUT, label = "Restored image")
	private ImagePlus result;

	@Override
	protected void execute() {
		ImagePlanes.check(image);
		final RestoreSettings settings = settings();
		try (ImageRestorer restorer = new WorkerImageRestorer(modelDir());
			CommandMonitor monitor = new CommandMonitor(this, status, tasks, log, image.getTitle()))
		{
			result = restorer.restore(image, settings, monitor.monitor());
		}
	}
}
