package org.restorej.fiji;

import java.io.File;
import java.nio.file.Path;

import org.restorej.RestoreJException;
import org.restorej.batch.BatchReport;
import org.restorej.batch.FileOutcome;
import org.restorej.batch.FolderRestore;
import org.restorej.restore.FileStreaming;
import org.restorej.restore.ImageRestorer;
import org.restorej.restore.OutputCompression;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.StreamingMode;
import org.restorej.worker.WorkerFileStreaming;
import org.restorej.worker.WorkerImageRestorer;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Restores every TIFF and OME-Zarr image of a folder into another folder, same names, loading the model once. A file
 * that fails is reported and skipped (the {@code report} output lists it). BigTIFF, tiled TIFF and files
 * too large for ImageJ's memory are streamed file to file in the worker ({@code streaming}, {@code compression}). Macro:
 * {@code run("Restore Folder", "input=[...] output=[...] model=NAME streaming=auto ...")}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>RestoreJ>Restore Folder", headless = true,
	description = "Restore every TIFF or OME-Zarr image of a folder with a RestoreJ model.")
public class RestoreFolderCommand extends RestoreParameters {

	@Parameter(persist = false, label = "Input folder", style = "directory", required = false)
	private File input;

	@Parameter(persist = false, label = "Output folder", style = "directory", required = false)
	private File output;

	@Parameter(persist = false, label = "Replace existing outputs", required = false)
	private boolean overwrite;

	@Parameter(persist = false, label = "Streaming", required = false, choices = { "auto", "on", "off" },
		description = "Restore files region by region, file to file, never loading them into ImageJ: on, off, or " +
			"auto: BigTIFF, tiled TIFF and images too large for half of ImageJ's memory. Streamed outputs are tiled " +
			"BigTIFF keeping calibration and GeoTIFF tags.")
	private String streaming = "auto";

	@Parameter(persist = false, label = "Compression of streamed outputs", required = false, choices = { "auto",
		"none", "deflate" }, description = "auto: deflate if the input was compressed.")
	private String compression = "auto";

	@Parameter(type = ItemIO.OUTPUT, label = "Report")
	private String report;

	@Override
	protected void execute() throws Exception {
		final Path in = folder(input, "input"), out = folder(output, "output");
		final RestoreSettings settings = settings();
		final Path modelDir = modelDir();
		final FileStreaming streams = new WorkerFileStreaming(modelDir, StreamingMode.parse(streaming), OutputCompression
			.parse(compression));
		try (ImageRestorer restorer = new WorkerImageRestorer(modelDir);
			CommandMonitor monitor = new CommandMonitor(this, status, tasks, log, in.toString()))
		{
			final BatchReport r = FolderRestore.run(restorer, streams, in, out, settings, overwrite, monitor.monitor(),
				new FolderRestore.Listener() {
					@Override
					public void started(final int index, final int count, final Path file) {
						monitor.prefix("image " + (index + 1) + "/" + count + " (" + file.getFileName() + "): ");
					}

					@Override
					public void finished(final FileOutcome outcome) {
						if (outcome.ok()) log.info("RestoreJ: " + outcome);
						else log.warn("RestoreJ: " + outcome);
					}
				});
			report = r.summary();
			if (!r.ok()) log.warn("RestoreJ: " + report);
		}
	}

	/**
	 * Folders are optional for SciJava, so that one nobody gave (or that headless SciJava filled with an
	 * empty file) gets this message rather than a generic one.
	 */
	static Path folder(final File f, final String role) {
		if (f == null || f.getPath().isEmpty()) throw new RestoreJException("No " + role + " folder given: pass " +
			role + "=[path of a folder].");
		return f.toPath();
	}
}
