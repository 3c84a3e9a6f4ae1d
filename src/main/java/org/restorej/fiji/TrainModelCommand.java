package org.restorej.fiji;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.restorej.RestoreJException;
import org.restorej.train.SelfSupervisedTraining;
import org.restorej.train.TrainingOptions;
import org.restorej.train.TrainingReport;
import org.restorej.worker.WorkerTraining;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.task.TaskService;

/**
 * Trains Restormer or AST, or fine-tunes a model, on a folder of low-quality TIFFs and a folder of
 * high-quality ones matched by name, in RestoreJ's worker process; writes a model folder the Restore
 * commands take. The options mean what {@code restorej train}'s do ({@link TrainingOptions}). Macro:
 * {@code run("Train Model", "low=[...] high=[...] output=[...] arch=restormer size=tiny steps=500")}.
 * A cancel stops before the next step and writes no model folder.
 */
@Plugin(type = Command.class, menuPath = "Plugins>RestoreJ>Train Model", headless = true,
	description = "Train or fine-tune a Restormer or AST model on pairs of low- and high-quality TIFF images.")
public class TrainModelCommand extends RestoreJCommand {

	@Parameter(persist = false, label = "Low-quality folder", style = "directory", required = false,
		description = "The degraded TIFFs (e.g. low laser power, short exposure); with noisy images only, the noisy " +
			"TIFFs (2D, stacks, channels).")
	private File low;

	@Parameter(persist = false, label = "Noisy images only (no high-quality folder)", required = false,
		description = "Self-supervised training (Neighbor2Neighbor) on the low-quality folder alone, fine-tuning " +
			"the bundled model of the architecture unless a fine-tune source is given or from scratch is chosen.")
	private boolean noisy;

	@Parameter(persist = false, label = "Noisy images only: start from scratch", required = false,
		description = "Initial weights instead of the bundled model (needs thousands of steps).")
	private boolean fromscratch;

	@Parameter(persist = false, label = "High-quality folder", style = "directory", required = false,
		description = "The clean TIFFs, named as their low-quality partners.")
	private File high;

	@Parameter(persist = false, label = "Model folder to create", style = "directory", required = false)
	private File output;

	@Parameter(persist = false, label = "Architecture", choices = { "restormer", "ast" }, required = false)
	private String arch = "restormer";

	@Parameter(persist = false, label = "Size", choices = { "tiny", "compact", "official" }, required = false,
		description = "Network size (ignored when fine-tuning: the source's network is trained).")
	private String size = TrainingOptions.defaults().size();

	@Parameter(persist = false, label = "Fine-tune from (optional)", required = false, description = "A model " +
		"folder or an official .pth of the chosen architecture; empty to train from scratch.")
	private File finetune;

	@Parameter(persist = false, label = "Steps", min = "0", required = false, description = "0 for the default: " +
		"2000, noisy images only " + SelfSupervisedTraining.DEFAULT_STEPS + ".")
	private long steps;

	@Parameter(persist = false, label = "Patch size", min = "0", required = false, description = "0 for the " +
		"architecture's schedule (Restormer: 48 growing to 128; AST: 64), else one size for every step.")
	private int patch;

	@Parameter(persist = false, label = "Batch", min = "0", required = false, description = "With a patch size: " +
		"patches per step (0: 8).")
	private int batch;

	@Parameter(persist = false, label = "Learning rate", required = false, description = "0 for the default: " +
		"0.001, noisy images only when fine-tuning " + SelfSupervisedTraining.FINE_TUNE_LR + ".")
	private double lr;

	@Parameter(persist = false, label = "Loss", choices = { "auto", "l1", "charbonnier", "l2" }, required = false,
		description = "auto: the paper's (Restormer L1, AST Charbonnier); noisy images only: L2.")
	private String loss = TrainingOptions.AUTO;

	@Parameter(persist = false, label = "Validation pairs", required = false, description = "auto (1 when there " +
		"are 4 or more pairs), a count, or a fraction below 1; the last pairs by name are held out.")
	private String validation = TrainingOptions.AUTO;

	@Parameter(persist = false, label = "Seed", required = false)
	private long seed = TrainingOptions.defaults().seed();

	@Parameter(persist = false, label = "CPU threads", min = "0", required = false, description = "0 for all cores.")
	private int threads;

	@Parameter(persist = false, label = "Model name", required = false, description = "Default: the folder's name.")
	private String name = "";

	@Parameter(persist = false, label = "Replace an existing model folder", required = false)
	private boolean overwrite;

	@Parameter
	private StatusService status;

	@Parameter
	private TaskService tasks;

	@Parameter(type = ItemIO.OUTPUT, label = "Model folder")
	private String model;

	@Parameter(type = ItemIO.OUTPUT, label = "Training summary")
	private String summary;

	@Override
	protected void execute() {
		final Path lowDir = existingFolder(low, "low", noisy ? "noisy" : "degraded");
		final Path highDir = noisy ? null : existingFolder(high, "high", "clean");
		final Path out = RestoreFolderCommand.folder(output, "output");
		final TrainingOptions defaults = TrainingOptions.defaults();
		final String source = finetune == null || finetune.getPath().isEmpty() ? null : finetune.getAbsolutePath();
		final boolean fineTuning = source != null || noisy && !fromscratch;
		final long n = steps > 0 ? steps : noisy ? SelfSupervisedTraining.DEFAULT_STEPS : defaults.steps();
		final TrainingOptions options = new TrainingOptions(arch, size, source, n, TrainingOptions.singleStage(patch,
			batch), lr > 0 ? lr : noisy && fineTuning ? SelfSupervisedTraining.FINE_TUNE_LR : defaults.learningRate(),
			defaults.minLearningRate(), defaults.warmup(), null, loss, validation, seed, threads, logEvery(n), defaults
				.validateEvery(), defaults.checkpointEvery(), defaults.device());
		try (CommandMonitor monitor = new CommandMonitor(this, status, tasks, log, "training " + out.getFileName())) {
			final java.util.function.Consumer<WorkerTraining.Step> progress = s -> {
				monitor.show(s.step(), s.steps(), "training " + s.text());
				log.info("RestoreJ: " + s.text());
			};
			final TrainingReport report = noisy ? WorkerTraining.trainOnNoisy(lowDir, fromscratch, out, name, overwrite,
				options, progress, m -> log.info("RestoreJ: " + m), monitor::cancelled) : WorkerTraining.train(lowDir,
					highDir, out, name, overwrite, options, progress, m -> log.info("RestoreJ: " + m), monitor::cancelled);
			model = report.model();
			summary = report.summary();
			log.info("RestoreJ: " + summary);
		}
	}

	/** About 50 progress lines a run (at least one every 50 steps, as the command line). */
	private static int logEvery(final long steps) {
		return (int) Math.max(1, Math.min(50, steps / 50));
	}

	private static Path existingFolder(final File f, final String key, final String what) {
		final Path p = RestoreFolderCommand.folder(f, key);
		if (!Files.isDirectory(p)) throw new RestoreJException("The folder " + p + " does not exist: pass " + key +
			"=[the folder of " + what + " TIFFs].");
		return p;
	}
}
