package org.restorej.ij1;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.macro.ExtensionDescriptor;
import ij.macro.Functions;
import ij.macro.MacroExtension;
import ij.plugin.PlugIn;

import org.restorej.RestoreJException;
import org.restorej.batch.BatchReport;
import org.restorej.batch.FileOutcome;
import org.restorej.batch.FolderRestore;
import org.restorej.engine.Progress;
import org.restorej.imagej.ImageComparison;
import org.restorej.imagej.QualityTable;
import org.restorej.metrics.Ssim;
import org.restorej.restore.ImageRestorer;
import org.restorej.restore.Models;
import org.restorej.restore.RunMonitor;
import org.restorej.train.SelfSupervisedTraining;
import org.restorej.train.TrainingOptions;
import org.restorej.train.TrainingReport;
import org.restorej.worker.WorkerFileStreaming;
import org.restorej.worker.WorkerImageRestorer;
import org.restorej.worker.WorkerModels;
import org.restorej.worker.WorkerTraining;

/**
 * RestoreJ for the ImageJ macro language, in Fiji and in plain ImageJ 1 (which has no SciJava
 * commands): {@code run("RestoreJ Macro Extensions");} then
 * <ul>
 * <li>{@code Ext.restore(model, options)}: restores the current image; the result is shown and
 * becomes the current image;</li>
 * <li>{@code Ext.restoreFile(model, input, output, options)}: a TIFF file or OME-Zarr image (.zarr) into another (TIFF or .zarr);</li>
 * <li>{@code Ext.restoreFolder(model, inputFolder, outputFolder, options, report)}: every TIFF and OME-Zarr image of a
 * folder, one model load; {@code report} receives what was written and what failed;</li>
 * <li>{@code Ext.describe(model, description)}: the model's description;</li>
 * <li>{@code Ext.importCheckpoint(checkpoint, modelFolder, options)}: options {@code preset=NAME
 * name=NAME overwrite};</li>
 * <li>{@code Ext.exportModel(model, package, options)}: the model as a bioimage.io package (.zip), options
 * {@code format=bioimageio overwrite};</li>
 * <li>{@code Ext.train(lowFolder, highFolder, modelFolder, options, summary)}: trains on the pairs of
 * TIFFs, options those of {@code run("Train Model", ...)} ({@code arch=ast size=tiny steps=500
 * patch=64 batch=8 ... name=NAME overwrite}); {@code summary} receives the steps, losses and PSNRs. With
 * {@code noisy=true} or an empty {@code highFolder} it trains on the noisy TIFFs of {@code lowFolder} alone
 * (self-supervised, from the bundled model unless {@code finetune=...} or {@code fromscratch=true});</li>
 * <li>{@code Ext.compare(test, reference, options, psnr, ssim)}: PSNR and SSIM of the image titled
 * {@code test} against the one titled {@code reference}, options {@code range=auto|R window=papers|skimage};
 * the rows also go to the table "RestoreJ quality".</li>
 * </ul>
 * Options are those of {@code run("Restore Image", ...)}, e.g. {@code "tile=256 halo=32 type=same"};
 * restoreFile and restoreFolder also take {@code overwrite}, {@code streaming=auto|on|off} and
 * {@code compression=auto|none|deflate}, as {@code run("Restore Folder", ...)}: BigTIFF, tiled
 * TIFF and files larger than half of ImageJ's memory are restored file to file by the worker.
 * A failure shows its message and aborts the macro. Esc cancels a restoration.
 */
public class MacroExtensions implements PlugIn, MacroExtension {

	private static final int S = ARG_STRING, OUT = ARG_OUTPUT | ARG_STRING, NUMBER_OUT = ARG_OUTPUT | ARG_NUMBER;

	@Override
	public void run(final String arg) {
		if (!IJ.macroRunning()) {
			IJ.error("RestoreJ", "RestoreJ Macro Extensions are for macros: call run(\"RestoreJ Macro Extensions\") " +
				"in a macro, then Ext.restore(model, options).");
			return;
		}
		Functions.registerExtensions(this);
	}

	@Override
	public ExtensionDescriptor[] getExtensionFunctions() {
		return new ExtensionDescriptor[] { ExtensionDescriptor.newDescriptor("restore", this, S, S),
			ExtensionDescriptor.newDescriptor("restoreFile", this, S, S, S, S), ExtensionDescriptor.newDescriptor(
				"restoreFolder", this, new Integer[] { S, S, S, S, OUT }), ExtensionDescriptor.newDescriptor("describe",
					this, S, OUT), ExtensionDescriptor.newDescriptor("importCheckpoint", this, S, S, S), ExtensionDescriptor
						.newDescriptor("exportModel", this, S, S, S), ExtensionDescriptor
						.newDescriptor("train", this, new Integer[] { S, S, S, S, OUT }), ExtensionDescriptor.newDescriptor(
							"compare", this, new Integer[] { S, S, S, NUMBER_OUT, NUMBER_OUT }) };
	}

	@Override
	public String handleExtension(final String name, final Object[] args) {
		try {
			switch (name) {
				case "restore" -> restoreCurrent((String) args[0], (String) args[1]);
				case "restoreFile" -> restoreFile((String) args[0], (String) args[1], (String) args[2], (String) args[3]);
				case "restoreFolder" -> ((String[]) args[4])[0] = restoreFolder((String) args[0], (String) args[1],
					(String) args[2], (String) args[3]);
				case "describe" -> ((String[]) args[1])[0] = WorkerModels.describe(Models.resolve((String) args[0]));
				case "importCheckpoint" -> importCheckpoint((String) args[0], (String) args[1], (String) args[2]);
				case "exportModel" -> exportModel((String) args[0], (String) args[1], (String) args[2]);
				case "train" -> ((String[]) args[4])[0] = train((String) args[0], (String) args[1], (String) args[2],
					(String) args[3]);
				case "compare" -> {
					final ImageComparison.Result r = compare((String) args[0], (String) args[1], (String) args[2]);
					((Double[]) args[3])[0] = r.psnr();
					((Double[]) args[4])[0] = r.ssim();
				}
				default -> throw new RestoreJException("No RestoreJ macro function " + name + ".");
			}
			return null;
		}
		catch (final RestoreJException e) {
			IJ.showStatus("");
			IJ.showProgress(1.0);
			IJ.error("RestoreJ", e.getMessage());
			// ImageJ's way to abort the running macro without a second message
			throw new RuntimeException(Macro.MACRO_CANCELED);
		}
	}

	private static void restoreCurrent(final String model, final String options) {
		final MacroOptions o = MacroOptions.parse(options);
		final ImagePlus image = WindowManager.getCurrentImage();
		try (ImageRestorer restorer = new WorkerImageRestorer(Models.resolve(model))) {
			restorer.restore(image, o.settings(), monitor()).show();
		}
	}

	private static void restoreFile(final String model, final String input, final String output,
		final String options)
	{
		final MacroOptions o = MacroOptions.parse(options);
		final Path modelDir = Models.resolve(model);
		try (ImageRestorer restorer = new WorkerImageRestorer(modelDir)) {
			final FileOutcome outcome = FolderRestore.restoreOne(restorer, new WorkerFileStreaming(modelDir, o.streaming(),
				o.compression()), Paths.get(input), Paths.get(output), o.settings(), o.overwrite(), monitor());
			if (!outcome.ok()) throw new RestoreJException(outcome.error());
		}
	}

	private static String restoreFolder(final String model, final String input, final String output,
		final String options)
	{
		final MacroOptions o = MacroOptions.parse(options);
		final Path modelDir = Models.resolve(model);
		try (ImageRestorer restorer = new WorkerImageRestorer(modelDir)) {
			final BatchReport r = FolderRestore.run(restorer, new WorkerFileStreaming(modelDir, o.streaming(), o
				.compression()), Paths.get(input), Paths.get(output), o.settings(), o.overwrite(), monitor(),
				new FolderRestore.Listener() {
					@Override
					public void started(final int index, final int count, final Path file) {
						IJ.showStatus("RestoreJ: image " + (index + 1) + "/" + count + ": " + file.getFileName());
					}

					@Override
					public void finished(final FileOutcome outcome) {
						if (!outcome.ok()) IJ.log("RestoreJ: " + outcome);
					}
				});
			return r.summary();
		}
		catch (final java.io.IOException e) {
			throw new RestoreJException("Cannot restore the folder " + input + ": " + e.getMessage());
		}
	}

	private static void importCheckpoint(final String checkpoint, final String modelDir, final String options) {
		final Map<String, String> o = MacroOptions.importOptions(options);
		final String text = WorkerModels.importCheckpoint(Paths.get(checkpoint), Paths.get(modelDir), o.getOrDefault(
			"preset", ""), o.getOrDefault("name", ""), Boolean.parseBoolean(o.getOrDefault("overwrite", "false")),
			m -> IJ.showStatus("RestoreJ: " + m), () -> false);
		IJ.log(text);
	}

	/** Options {@code format=bioimageio} (the only one) and {@code overwrite=true|false}. */
	private static void exportModel(final String model, final String output, final String options) {
		final Map<String, String> o = MacroOptions.importOptions(options);
		final String format = o.getOrDefault("format", "bioimageio");
		if (!format.equals("bioimageio")) throw new RestoreJException("Unknown package format '" + format +
			"': pass format=bioimageio.");
		IJ.log(WorkerModels.exportPackage(Models.resolve(model), Paths.get(output), Boolean.parseBoolean(o.getOrDefault(
			"overwrite", "false"))));
	}

	private static String train(final String low, final String high, final String modelDir, final String options) {
		final Map<String, String> o = new java.util.LinkedHashMap<>(MacroOptions.importOptions(options));
		final String name = o.remove("name");
		final boolean overwrite = Boolean.parseBoolean(o.remove("overwrite"));
		// noisy images only: noisy=true, or no high-quality folder
		final boolean noisy = Boolean.parseBoolean(o.remove(SelfSupervisedTraining.NOISY_KEY)) || high == null || high
			.isBlank();
		final boolean fromScratch = Boolean.parseBoolean(o.remove("fromscratch"));
		final java.util.function.Consumer<WorkerTraining.Step> progress = s -> {
			IJ.showStatus("RestoreJ: training " + s.text());
			IJ.showProgress((double) s.step() / s.steps());
		};
		final TrainingReport report = noisy ? WorkerTraining.trainOnNoisy(Paths.get(low), fromScratch, Paths.get(
			modelDir), name, overwrite, SelfSupervisedTraining.options(o, fromScratch), progress, m -> {},
			IJ::escapePressed) : WorkerTraining.train(Paths.get(low), Paths.get(high), Paths.get(modelDir), name,
				overwrite, TrainingOptions.fromMap(o), progress, m -> {}, IJ::escapePressed);
		IJ.showProgress(1.0);
		return report.summary();
	}

	private static ImageComparison.Result compare(final String test, final String reference, final String options) {
		final Map<String, String> o = MacroOptions.importOptions(options);
		final ImageComparison.Result r = ImageComparison.compare(WindowManager.getImage(test), WindowManager.getImage(
			reference), o.getOrDefault("range", ImageComparison.DEFAULT_RANGE), Ssim.options(o.getOrDefault("window",
				ImageComparison.DEFAULT_WINDOW)));
		QualityTable.add(r, test, reference);
		return r;
	}

	/** Progress in ImageJ's status bar and progress bar; Esc cancels. */
	private static RunMonitor monitor() {
		// the engine's messages (device, GPU fallback, out-of-memory splits, percentiles) go to ImageJ's log
		return new RunMonitor(MacroExtensions::progress, IJ::escapePressed, m -> IJ.log("RestoreJ: " + m), m -> IJ.log(
			"RestoreJ warning: " + m));
	}

	private static void progress(final Progress p) {
		IJ.showStatus("RestoreJ: " + p);
		IJ.showProgress(p.fraction());
	}
}
