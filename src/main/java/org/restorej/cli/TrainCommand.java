package org.restorej.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.restorej.RestoreJException;
import org.restorej.data.DataException;
import org.restorej.data.Degradation;
import org.restorej.data.ImagePair;
import org.restorej.data.PairedImageFolders;
import org.restorej.data.PointSpreadFunction;
import org.restorej.data.SyntheticDataset;
import org.restorej.model.ModelDescription;
import org.restorej.nn.NetworkConfig;
import org.restorej.train.AdamW;
import org.restorej.train.FineTuneSource;
import org.restorej.train.LearningRateSchedule;
import org.restorej.train.Loss;
import org.restorej.train.NetworkPresets;
import org.restorej.train.PairedPatches;
import org.restorej.train.PatchSchedule;
import org.restorej.train.PatchSource;
import org.restorej.train.SyntheticPatches;
import org.restorej.train.TestSetEvaluation;
import org.restorej.train.TrainedModelExport;
import org.restorej.train.Trainer;
import org.restorej.train.TrainingCheckpoint;
import org.restorej.train.TrainingSummary;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains or fine-tunes a network and writes a model folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Train Restormer or AST from scratch, or fine-tune a model folder or .pth, on a folder of " +
		"image pairs or on synthetic fluorescence microscopy; writes a model folder (SavedModel + model.json).",
		"Pairs: --pairs DIR with DIR/low and DIR/high holding TIFFs of the same names (or --low and --high).",
		"Checkpoints go to --checkpoints (default: OUTPUT.checkpoints); --resume DIR continues a stopped run " +
			"with the options it was started with." })
public final class TrainCommand implements Callable<Integer> {

	@Option(names = { "-o", "--output" }, paramLabel = "MODEL_DIR", description = "Model folder to write.")
	Path output;

	@Option(names = "--arch", defaultValue = "restormer", paramLabel = "restormer|ast",
		description = "Architecture (default: ${DEFAULT-VALUE}).")
	String arch;

	@Option(names = "--size", defaultValue = "compact", paramLabel = "tiny|compact|official",
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

	@Option(names = "--validation-pairs", defaultValue = "-1", paramLabel = "N",
		description = "Pairs held out for validation, the last by name (default: 1 when there are 4 or more).")
	int validationPairs;

	@Option(names = "--photons", defaultValue = "20", paramLabel = "P",
		description = "Synthetic data: photons per pixel at intensity 1 (default: ${DEFAULT-VALUE}).")
	double photons;

	@Option(names = "--read-noise", defaultValue = "1.5", paramLabel = "E",
		description = "Synthetic data: camera read noise in electrons (default: ${DEFAULT-VALUE}).")
	double readNoise;

	@Option(names = "--psf", defaultValue = "none", paramLabel = "none|gaussian:S|airy:R",
		description = "Synthetic data: blur before noise, size in pixels (default: ${DEFAULT-VALUE}).")
	String psf;

	@Option(names = "--scenes", defaultValue = "96", paramLabel = "N",
		description = "Synthetic data: training scenes of 256x256 (default: ${DEFAULT-VALUE}).")
	int scenes;

	@Option(names = "--steps", defaultValue = "2000", paramLabel = "N", description = "Updates (default: ${DEFAULT-VALUE}).")
	long steps;

	@Option(names = "--patches", paramLabel = "PxB[:STEPS],...",
		description = "Patch schedule, e.g. 48x16:600,64x8:600,96x4 (default: restormer " +
			"48x16, 64x8, 96x4, 128x2 for 30%%, 30%%, 25%%, 15%% of the steps; ast 64x8).")
	String patches;

	@Option(names = "--lr", defaultValue = "1e-3", paramLabel = "RATE", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
	double lr;

	@Option(names = "--min-lr", defaultValue = "1e-6", paramLabel = "RATE",
		description = "Learning rate at the end of the cosine decay (default: ${DEFAULT-VALUE}).")
	double minLr;

	@Option(names = "--warmup", defaultValue = "-1", paramLabel = "STEPS",
		description = "Linear warm-up steps (default: 100, or a tenth of the steps if fewer).")
	long warmup;

	@Option(names = "--weight-decay", paramLabel = "W",
		description = "AdamW decoupled weight decay (default: the paper's: restormer 1e-4, ast 0.02).")
	Double weightDecay;

	@Option(names = "--seed", defaultValue = "1", paramLabel = "N",
		description = "Seed of the initial weights, the training scenes and the batches (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "CPU threads; 0: all cores.")
	int threads;

	@Option(names = "--name", description = "Model name (default: the output folder's name).")
	String name;

	@Option(names = "--overwrite", description = "Replace the output model folder if it exists.")
	boolean overwrite;

	@Option(names = "--checkpoints", paramLabel = "DIR", description = "Checkpoint folder (default: OUTPUT.checkpoints).")
	Path checkpoints;

	@Option(names = "--checkpoint-every", defaultValue = "250", paramLabel = "STEPS",
		description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
	int checkpointEvery;

	@Option(names = "--log-every", defaultValue = "50", paramLabel = "STEPS",
		description = "Steps between progress lines (default: ${DEFAULT-VALUE}).")
	int logEvery;

	@Option(names = "--validate-every", defaultValue = "250", paramLabel = "STEPS",
		description = "Steps between validation PSNRs (default: ${DEFAULT-VALUE}).")
	int validateEvery;

	@Option(names = "--evaluate", negatable = true, defaultValue = "true",
		description = "After synthetic training, measure the model on the held-out test set (default: on).")
	boolean evaluate;

	@Option(names = "--resume", paramLabel = "CHECKPOINT_DIR",
		description = "Continue a run from its checkpoint folder, with the options it was started with.")
	Path resume;

	@Spec
	CommandSpec spec;

	/** The command line as given, kept in checkpoints so that --resume can rebuild the same run. */
	private List<String> arguments = List.of();

	/** Runs {@code train} on its own (until it is registered in {@link Main}). */
	public static void main(final String... args) {
		System.exit(new CommandLine(new TrainCommand()).execute(args));
	}

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
		final boolean synthetic = pairs == null && low == null && high == null;
		final FineTuneSource start = fineTune == null ? null : FineTuneSource.open(fineTune);

		final PatchSource data;
		final List<ImagePair> validation;
		final Degradation degradation;
		final double scale;
		final int channels;
		if (synthetic) {
			degradation = new Degradation(photons, readNoise, PointSpreadFunction.parse(psf));
			System.out.println("Making " + scenes + " synthetic training scenes ...");
			data = new SyntheticPatches(new SyntheticDataset(degradation, SyntheticDataset.TEST_SIZE, seed,
				SyntheticDataset.Split.TRAIN), scenes);
			validation = new SyntheticDataset(degradation, 128, seed, SyntheticDataset.Split.VALIDATION).pairs(4);
			scale = Degradation.SCALE_16BIT;
			channels = 1;
		}
		else {
			degradation = null;
			if (pairs != null && (low != null || high != null)) throw new RestoreJException(
				"Give either --pairs or --low with --high, not both.");
			if (pairs == null && (low == null || high == null)) throw new RestoreJException(
				"--low and --high go together: the degraded and the clean images.");
			final List<ImagePair> all = pairs != null ? PairedImageFolders.load(pairs) : PairedImageFolders.load(low,
				high);
			final int held = validationPairs >= 0 ? validationPairs : all.size() >= 4 ? 1 : 0;
			if (held >= all.size()) throw new DataException("Holding out " + held + " of " + all.size() +
				" pairs for validation leaves none to train on: lower --validation-pairs.");
			data = new PairedPatches(all.subList(0, all.size() - held));
			validation = all.subList(all.size() - held, all.size());
			channels = all.get(0).degraded().channels();
			scale = tiffScale(pairs != null ? pairs.resolve(PairedImageFolders.DEGRADED) : low);
		}

		if (start != null && start.valueScale() != scale) System.out.println("Note: " + fineTune + " was trained on " +
			"data divided by " + start.valueScale() + ", this data is divided by " + scale + "; fine-tuning adapts it, " +
				"and the new model records the new scale.");
		final NetworkConfig network = start != null ? start.network() : NetworkPresets.of(arch, size, channels);
		final String architecture = network.architecture();
		final PatchSchedule schedule = PatchSchedule.parse(patches != null ? patches : defaultPatches(
			architecture, steps), steps);
		final AdamW adamW = weightDecay == null ? AdamW.of(architecture) : new AdamW(0.9, 0.999, 1e-8, weightDecay,
			0);
		final Trainer.Settings settings = new Trainer.Settings(network, Loss.of(architecture), adamW,
			new LearningRateSchedule(lr, minLr, warmup >= 0 ? warmup : Math.min(100, steps / 10), steps), schedule, seed, logEvery, validateEvery,
			checkpointEvery, threads, steps >= 200);
		final Trainer trainer = new Trainer(settings, data, validation, p -> System.out.println(p), System.out::println);
		final Trainer.Start from = resumeFrom != null ? Trainer.Start.resume(resumeFrom) : start != null
			? Trainer.Start.fineTune(start.weights(), start.name()) : Trainer.Start.fromScratch(seed);
		final Trainer.Outcome outcome = trainer.run(from, checkpointDir, arguments);

		final String modelName = name != null ? name : output.getFileName().toString();
		final String task = synthetic ? degradation.psf().kind() == PointSpreadFunction.Kind.NONE
			? "fluorescence-denoising" : "fluorescence-restoration" : "custom";
		final String valueNote = synthetic ? "16-bit fluorescence divided by 65535, calibrated so that degraded and " +
			"clean images agree on average; trained on " + degradation : "raw values divided by " + scale;
		// weights fine-tuned from someone else's keep their license
		final ModelDescription.License license = start != null ? start.license() : TrainedModelExport.TRAINED_LICENSE;
		final ModelDescription d = TrainedModelExport.write(network, outcome.weights(), modelName, task, scale,
			valueNote, license, "trained by RestoreJ: " + data.describe(), output, overwrite || resumeFrom != null);
		System.out.printf(Locale.ROOT, "Wrote %s: %,d parameters, %d steps in %.1f min, validation PSNR %.2f dB%n",
			output, d.source().parameters(), outcome.steps(), outcome.seconds() / 60, outcome.validationPsnr());
		TestSetEvaluation.Report report = null;
		if (synthetic && evaluate) {
			report = TestSetEvaluation.run(output, SyntheticDataset.testSet(degradation), System.out::println);
			System.out.println(report);
		}
		TrainingSummary.write(output, arguments, settings, data.describe(), outcome, report);
		return 0;
	}

	/** Restormer grows the patch in four stages; AST trains at one size, as in the papers. */
	static String defaultPatches(final String architecture, final long steps) {
		if (architecture.equals("ast")) return "64x8";
		final long a = Math.max(1, steps * 30 / 100), b = Math.max(1, steps * 30 / 100), c = Math.max(1, steps * 25 /
			100);
		return "48x16:" + a + ",64x8:" + b + ",96x4:" + c + ",128x2";
	}

	private static double tiffScale(final Path dir) throws java.io.IOException {
		try (var s = Files.list(dir)) {
			final Path first = s.filter(p -> p.toString().toLowerCase(Locale.ROOT).matches(".*\\.tiff?$")).sorted()
				.findFirst().orElseThrow();
			return org.restorej.data.TiffImages.read(first).scale();
		}
	}
}
