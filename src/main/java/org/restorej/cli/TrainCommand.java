package org.restorej.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.restorej.RestoreJException;
import org.restorej.data.CleanImageScenes;
import org.restorej.data.Degradation;
import org.restorej.data.PairedImageFolders;
import org.restorej.data.PointSpreadFunction;
import org.restorej.data.SyntheticDataset;
import org.restorej.train.SelfSupervisedTraining;
import org.restorej.train.HeldOutEvaluation;
import org.restorej.train.TestSetEvaluation;
import org.restorej.train.TrainingCheckpoint;
import org.restorej.train.TrainingOptions;
import org.restorej.train.TrainingRun;
import org.restorej.train.TrainingSummary;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains or fine-tunes a network and writes a model folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
	defaultValueProvider = TrainCommand.TrainingDefaults.class,
	description = { "Train Restormer or AST from scratch, or fine-tune a model folder or .pth, on a folder of " +
		"image pairs or on synthetic fluorescence microscopy; writes a model folder (SavedModel + model.json).",
		"Pairs: --pairs DIR with DIR/low and DIR/high holding TIFFs of the same names (or --low and --high).",
		"Noisy images only: --noisy DIR trains self-supervised (Neighbor2Neighbor), by default fine-tuning the " +
			"bundled model of --arch.",
		"Checkpoints go to --checkpoints (default: OUTPUT.checkpoints); --resume DIR continues a stopped run " +
			"with the options it was started with." })
public final class TrainCommand implements Callable<Integer> {

	@Option(names = { "-o", "--output" }, paramLabel = "MODEL_DIR", description = "Model folder to write.")
	Path output;

	@Option(names = "--arch", paramLabel = "restormer|ast",
		description = "Architecture (default: the --fine-tune source's, else restormer; another than the source's is refused).")
	String arch;

	@Option(names = "--size", paramLabel = "tiny|compact|official",
		description = "Network size preset (default: ${DEFAULT-VALUE}; the bundled models are compact).")
	String size;

	@Option(names = "--fine-tune", paramLabel = "MODEL_DIR|X.pth",
		description = "Start from this model's weights (its architecture and size replace --arch/--size).")
	Path fineTune;

	@Option(names = "--pairs", paramLabel = "DIR", description = "Folder with low/ and high/ sub-folders of TIFFs.")
	Path pairs;

	@Option(names = "--low", paramLabel = "DIR", description = "Folder of degraded TIFFs (with --high).")
	Path low;

	@Option(names = "--high", paramLabel = "DIR", description = "Folder of clean TIFFs, same file names.")
	Path high;

	@Option(names = "--noisy", paramLabel = "DIR", description = "Train on the noisy TIFFs of DIR alone (2D, stacks, " +
		"channels), self-supervised; starts from the bundled model of --arch unless --fine-tune or --from-scratch.")
	Path noisy;

	@Option(names = "--from-scratch", description = "With --noisy: start from initial weights, not the bundled model " +
		"(needs thousands of steps).")
	boolean fromScratch;

	@Option(names = "--validation-pairs", paramLabel = "auto|N|F",
		description = "Pairs held out for validation, the last by name: a count, a fraction below 1, or auto (1 " +
			"when there are 4 or more).")
	String validationPairs;

	@Option(names = "--photons", defaultValue = "20", paramLabel = "P",
		description = "Synthetic data: photons per pixel at intensity 1 (default: ${DEFAULT-VALUE}).")
	double photons;

	@Option(names = "--read-noise", defaultValue = "1.5", paramLabel = "E",
		description = "Synthetic data: camera read noise in electrons (default: ${DEFAULT-VALUE}).")
	double readNoise;

	@Option(names = "--psf", defaultValue = "none", paramLabel = "none|gaussian:S|airy:R",
		description = "Synthetic data: blur before noise, size in pixels (default: ${DEFAULT-VALUE}).")
	String psf;

	@Option(names = "--blind", description = "Synthetic data: blind training (every training scene family, a " +
		"random camera per patch: 1-1500 photons, more of them bright, read noise 0-10 e-, offset, gain, 8 or 16 " +
		"bits), normalised by percentiles as the model then declares; --photons, --read-noise and --psf do not apply.")
	boolean blind;

	@Option(names = "--clean", paramLabel = "DIR", description = "With --blind: also crops of the clean TIFFs of DIR " +
		"(photographs, astronomy, any image without visible noise), acquired by the same random cameras.")
	Path clean;

	@Option(names = "--clean-share", defaultValue = "0.5", paramLabel = "F",
		description = "With --clean: the share of patches cut from those images (default: ${DEFAULT-VALUE}).")
	double cleanShare;

	@Option(names = "--scenes", defaultValue = "96", paramLabel = "N",
		description = "Synthetic data: training scenes of 256x256 (default: ${DEFAULT-VALUE}).")
	int scenes;

	@Option(names = "--steps", paramLabel = "N", description = "Updates (default: " + TrainingOptions.DEFAULT_STEPS +
		"; --noisy: " +
		SelfSupervisedTraining.DEFAULT_STEPS + ").")
	Long steps;

	@Option(names = "--patches", paramLabel = "PxB[:STEPS],...",
		description = "Patch schedule, e.g. 48x16:600,64x8:600,96x4 (default, or auto: restormer " +
			"48x16, 64x8, 96x4, 128x2 for 30%%, 30%%, 25%%, 15%% of the steps; ast 64x8).")
	String patches;

	@Option(names = "--loss", paramLabel = "l1|charbonnier|l2",
		description = "Training loss (default: the paper's: restormer l1, ast charbonnier; --noisy: l2).")
	String loss;

	@Option(names = "--lr", paramLabel = "RATE", description = "Peak learning rate (default: 1e-3; --noisy when " +
		"fine-tuning: " + SelfSupervisedTraining.FINE_TUNE_LR + ").")
	Double lr;

	@Option(names = "--min-lr", paramLabel = "RATE",
		description = "Learning rate at the end of the cosine decay (default: ${DEFAULT-VALUE}).")
	double minLr;

	@Option(names = "--warmup", paramLabel = "STEPS",
		description = "Linear warm-up steps (default: 100, or a tenth of the steps if fewer).")
	long warmup;

	@Option(names = "--weight-decay", paramLabel = "W",
		description = "AdamW decoupled weight decay (default: the paper's: restormer 1e-4, ast 0.02).")
	Double weightDecay;

	@Option(names = "--seed", paramLabel = "N",
		description = "Seed of the initial weights, the training scenes and the batches (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--threads", paramLabel = "N", description = "CPU threads; 0: all cores.")
	int threads;

	@Option(names = "--device", paramLabel = "cpu|gpu:N|auto",
		description = "Where TensorFlow trains; a GPU takes its memory as needed (default: ${DEFAULT-VALUE}).")
	String device;

	@Option(names = "--name", description = "Model name (default: the output folder's name).")
	String name;

	@Option(names = "--overwrite", description = "Replace the output model folder if it exists.")
	boolean overwrite;

	@Option(names = "--checkpoints", paramLabel = "DIR", description = "Checkpoint folder (default: OUTPUT.checkpoints).")
	Path checkpoints;

	@Option(names = "--checkpoint-every", paramLabel = "STEPS",
		description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
	int checkpointEvery;

	@Option(names = "--log-every", paramLabel = "STEPS",
		description = "Steps between progress lines (default: ${DEFAULT-VALUE}).")
	int logEvery;

	@Option(names = "--validate-every", paramLabel = "STEPS",
		description = "Steps between validation PSNRs (default: ${DEFAULT-VALUE}).")
	int validateEvery;

	@Option(names = "--evaluate", negatable = true, defaultValue = "true",
		description = "After synthetic training, measure the model on the held-out test set (with --blind: " +
			"the held-out acquisitions of evaluate) (default: on).")
	boolean evaluate;

	@Option(names = "--resume", paramLabel = "CHECKPOINT_DIR",
		description = "Continue a run from its checkpoint folder, with the options it was started with.")
	Path resume;

	@Spec
	CommandSpec spec;

	private static final TrainingOptions DEFAULTS = TrainingOptions.defaults();

	/**
	 * The defaults of the options {@link TrainingOptions} holds are its {@link TrainingOptions#defaults()}, so that
	 * this command, the Train Model command and the macro extensions agree.
	 */
	static final class TrainingDefaults implements IDefaultValueProvider {

		/** Option name to {@link TrainingOptions#toMap()} key. */
		private static final Map<String, String> KEYS = Map.of("--size", "size", "--validation-pairs", "validation",
			"--min-lr", "minlr", "--warmup", "warmup", "--seed", "seed", "--threads", "threads", "--device", "device",
			"--checkpoint-every", "checkpointevery", "--log-every", "logevery", "--validate-every", "validateevery");

		@Override
		public String defaultValue(final ArgSpec argument) {
			if (!(argument instanceof OptionSpec option)) return null;
			final String key = KEYS.get(option.longestName());
			return key == null ? null : DEFAULTS.toMap().get(key);
		}
	}

	/** The command line as given, kept in checkpoints so that --resume can rebuild the same run. */
	private List<String> arguments = List.of();

	@Override
	public Integer call() throws Exception {
		if (resume != null) return resumeRun();
		if (output == null) throw new RestoreJException("Give the model folder to write with -o.");
		arguments = originalArguments();
		return train(null);
	}

	/** Re-parses the stored command line and continues from the checkpoint. */
	private int resumeRun() throws Exception {
		if (!TrainingCheckpoint.exists(resume)) throw new RestoreJException("No training checkpoint in " + resume +
			": give the --checkpoints folder of an earlier run.");
		final TrainingCheckpoint c = TrainingCheckpoint.read(resume);
		final TrainCommand replay = new TrainCommand();
		new CommandLine(replay).parseArgs(c.arguments().toArray(String[]::new));
		replay.arguments = c.arguments();
		replay.checkpoints = resume;
		return replay.train(resume);
	}

	/** This command's own arguments as typed (without a leading {@code train} when run as a sub-command). */
	private List<String> originalArguments() {
		final List<String> all = spec.commandLine().getParseResult().originalArgs();
		final int at = all.indexOf(spec.name());
		return new ArrayList<>(at >= 0 && spec.parent() != null ? all.subList(at + 1, all.size()) : all);
	}

	private int train(final Path resumeFrom) throws Exception {
		final Path checkpointDir = checkpoints != null ? checkpoints : output.resolveSibling(output.getFileName() +
			".checkpoints");
		final boolean selfSupervised = noisy != null;
		if (selfSupervised && (pairs != null || low != null || high != null)) throw new RestoreJException(
			"Give either --noisy or pairs (--pairs, --low with --high), not both.");
		if (fromScratch && fineTune != null) throw new RestoreJException("Give either --from-scratch or --fine-tune, " +
			"not both.");
		final boolean fineTuning = fineTune != null || selfSupervised && !fromScratch;
		final TrainingOptions given = new TrainingOptions(arch, size, fineTune == null ? null : fineTune.toString(),
			steps != null ? steps : selfSupervised ? SelfSupervisedTraining.DEFAULT_STEPS : DEFAULTS.steps(), patches, lr
				!= null ? lr : selfSupervised && fineTuning ? SelfSupervisedTraining.FINE_TUNE_LR : DEFAULTS
					.learningRate(), minLr, warmup, weightDecay,
			loss, validationPairs, seed, threads, logEvery, validateEvery, checkpointEvery, device);
		final TrainingOptions o = selfSupervised ? SelfSupervisedTraining.options(given, fromScratch) : given;
		final boolean synthetic = !selfSupervised && pairs == null && low == null && high == null;
		if (pairs != null && (low != null || high != null)) throw new RestoreJException(
			"Give either --pairs or --low with --high, not both.");
		if (!synthetic && !selfSupervised && pairs == null && (low == null || high == null)) throw new RestoreJException(
			"--low and --high go together: the degraded and the clean images.");
		if (!(cleanShare >= 0 && cleanShare <= 1)) throw new picocli.CommandLine.ParameterException(spec.commandLine(),
			"--clean-share " + cleanShare + " is not a share from 0 to 1, e.g. 0.5.");
		if (clean != null && !(synthetic && blind)) throw new RestoreJException("--clean adds real images to blind " +
			"training: give it with --blind (without --pairs, --low/--high or --noisy).");
		if (synthetic) System.out.println("Making " + scenes + " synthetic training scenes ...");
		final TrainingRun.Data data = selfSupervised ? SelfSupervisedTraining.data(noisy, o) : synthetic && blind
			? TrainingRun.blind(scenes, seed, clean == null ? null : CleanImageScenes.load(clean, SyntheticDataset.TEST_SIZE), cleanShare) : synthetic ? TrainingRun.synthetic(new Degradation(photons, readNoise,
			PointSpreadFunction.parse(psf)), scenes, seed) : pairs != null ? TrainingRun.pairs(pairs.resolve(
				PairedImageFolders.DEGRADED), pairs.resolve(PairedImageFolders.CLEAN), o) : TrainingRun.pairs(low, high, o);
		final TrainingRun.Result r = TrainingRun.run(o, data, new TrainingRun.Output(output, name, overwrite),
			new TrainingRun.Checkpoints(checkpointDir, arguments, resumeFrom != null), System.out::println,
			System.out::println, () -> false);
		System.out.printf(Locale.ROOT, "Wrote %s: %,d parameters, %d steps in %.1f min, validation PSNR %.2f dB%n",
			output, r.model().source().parameters(), r.outcome().steps(), r.outcome().seconds() / 60, r.outcome()
				.validationPsnr());
		if (synthetic && blind && evaluate) System.out.print(HeldOutEvaluation.run(List.of(output),
			System.out::println));
		else if (synthetic && evaluate) {
			final TestSetEvaluation.Report report = TestSetEvaluation.run(output, SyntheticDataset.testSet(data
				.degradation()), System.out::println);
			System.out.println(report);
			TrainingSummary.write(output, arguments, r.settings(), r.data(), r.outcome(), report);
		}
		return 0;
	}
}
