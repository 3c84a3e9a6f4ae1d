package org.restorej.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.restorej.RestoreJException;
import org.restorej.data.CleanImageScenes;
import org.restorej.data.DataException;
import org.restorej.data.Degradation;
import org.restorej.data.ImagePair;
import org.restorej.data.PairedImageFolders;
import org.restorej.data.PointSpreadFunction;
import org.restorej.data.SyntheticDataset;
import org.restorej.data.TiffImages;
import org.restorej.metrics.Psnr;
import org.restorej.model.ModelDescription;
import org.restorej.nn.NetworkConfig;
import org.restorej.runtime.ExecutionOptions;

/**
 * One training run from {@link TrainingOptions} to a model folder, the same for {@code restorej train}
 * and the worker's {@code train} request (the Train Model command): data, network (new or fine-tuned),
 * {@link Trainer}, export and {@code training.json}. Everything a user can get wrong is refused before
 * the first step, not after hours of training.
 */
public final class TrainingRun {

	/**
	 * What to train on.
	 *
	 * @param scale what raw values are divided by to give the training intensities
	 * @param task the model's task, e.g. {@code custom}
	 * @param valueNote what the model's values are, for model.json
	 * @param degradation of synthetic data, or null for pairs
	 * @param normalization what the model declares in model.json (how the data was normalised), or null for the
	 *          pixel type's range (data divided by {@code scale})
	 * @param loss the loss when the options give none, or null for the architecture's paper's
	 */
	public record Data(PatchSource patches, List<ImagePair> validation, int channels, double scale, String task,
		String valueNote, Degradation degradation, ModelDescription.Normalization normalization, Loss loss)
	{
		public Data(final PatchSource patches, final List<ImagePair> validation, final int channels, final double scale,
			final String task, final String valueNote, final Degradation degradation)
		{
			this(patches, validation, channels, scale, task, valueNote, degradation, null, null);
		}
	}

	/** Where the model goes: its folder, name (null: the folder's) and whether it may replace one. */
	public record Output(Path folder, String name, boolean overwrite) {}

	/** Resumable checkpoints: their folder, the arguments that started the run, and whether to resume from it. */
	public record Checkpoints(Path folder, List<String> arguments, boolean resume) {}

	public record Result(ModelDescription model, Trainer.Settings settings, Trainer.Outcome outcome,
		TrainingReport report, String data) {}

	private TrainingRun() {}

	/** Pairs from two folders of TIFFs matched by name; the last ones by name are held out for validation. */
	public static Data pairs(final Path low, final Path high, final TrainingOptions o) {
		final List<ImagePair> all = PairedImageFolders.load(low, high);
		final int held = o.heldOut(all.size());
		if (held >= all.size()) throw new DataException("Holding out " + held + " of " + all.size() + " pairs for " +
			"validation leaves none to train on: lower the validation count or fraction.");
		final double scale = tiffScale(low);
		return new Data(new PairedPatches(all.subList(0, all.size() - held)), all.subList(all.size() - held, all
			.size()), all.get(0).degraded().channels(), scale, "custom", "raw values divided by " + scale, null);
	}

	/** Synthetic fluorescence with fresh noise for every patch, validated on 4 synthetic 128x128 images. */
	public static Data synthetic(final Degradation degradation, final int scenes, final long seed) {
		return new Data(new SyntheticPatches(new SyntheticDataset(degradation, SyntheticDataset.TEST_SIZE, seed,
			SyntheticDataset.Split.TRAIN), scenes), new SyntheticDataset(degradation, 128, seed,
				SyntheticDataset.Split.VALIDATION).pairs(4), 1, Degradation.SCALE_16BIT, degradation.psf()
					.kind() == PointSpreadFunction.Kind.NONE ? "fluorescence-denoising" : "fluorescence-restoration",
			"16-bit fluorescence divided by 65535, calibrated so that degraded and clean images agree on average; " +
				"trained on " + degradation, degradation);
	}

	/**
	 * Blind training data ({@link BlindPatches}): every training scene family, a random camera per patch,
	 * percentile-normalised as the exported model declares; validated on 4 images of 128x128.
	 */
	public static Data blind(final int scenes, final long seed) {
		return blind(scenes, seed, null, 0);
	}

	/** As {@link #blind(int, long)}, with a {@code realShare} of the patches cut from clean real images (or null). */
	public static Data blind(final int scenes, final long seed, final CleanImageScenes real, final double realShare) {
		return new Data(new BlindPatches(scenes, SyntheticDataset.TEST_SIZE, seed, real, realShare), BlindPatches
			.validation(4, 128,
			seed), 1, 1, "blind-denoising", "the noisy image's " + BlindPatches.LOW_PERCENTILE + " and " + BlindPatches
				.HIGH_PERCENTILE + " percentiles mapped to 0 and 1 (normalization); any camera scale, 8 or 16 bits", null, BlindPatches.DECLARED, null);
	}

	/**
	 * Trains and writes the model folder (under a temporary name, renamed when complete: a cancel or a
	 * failure leaves none).
	 *
	 * @param checkpoints null for none
	 * @param cancelled polled before every step
	 */
	public static Result run(final TrainingOptions o, final Data data, final Output out, final Checkpoints checkpoints,
		final Consumer<Trainer.Progress> progress, final Consumer<String> log, final BooleanSupplier cancelled)
		throws IOException
	{
		final boolean resume = checkpoints != null && checkpoints.resume();
		if (Files.exists(out.folder()) && !out.overwrite() && !resume) throw new RestoreJException("The model folder " +
			out.folder() + " exists: choose another output folder, or allow replacing it (overwrite).");
		final FineTuneSource start = o.fineTune() == null ? null : FineTuneSource.open(Path.of(o.fineTune()));
		final String arch = o.architectureOr(start == null ? null : start.network().architecture());
		if (start != null && !start.network().architecture().equals(arch)) throw new RestoreJException("Cannot " +
			"fine-tune " + o.fineTune() + " as " + arch + ": it holds a " + start.network().architecture() +
			" network. Choose that architecture (or leave it out), or fine-tune a model of " + arch + ".");
		// the scale matters only where the data is divided by it; a declared percentile (or other) mapping ignores it
		final boolean divided = data.normalization() == null || ModelDescription.Normalization.TYPE.equals(data
			.normalization().method());
		if (start != null && divided && start.valueScale() != data.scale()) log.accept("Note: " + o.fineTune() + " was trained " +
			"on data divided by " + start.valueScale() + ", this data is divided by " + data.scale() +
			"; fine-tuning adapts it, and the new model records the new scale.");
		final NetworkConfig network = start != null ? start.network() : NetworkPresets.of(arch, o.size(), data
			.channels());
		final Trainer.Settings settings = settings(o, network, data.loss());
		final Trainer trainer = new Trainer(settings, data.patches(), data.validation(), progress, log, cancelled);
		final Trainer.Start from = resume ? Trainer.Start.resume(checkpoints.folder()) : start != null ? Trainer.Start
			.fineTune(start.weights(), start.name()) : Trainer.Start.fromScratch(o.seed());
		final Trainer.Outcome outcome = trainer.run(from, checkpoints == null ? null : checkpoints.folder(),
			checkpoints == null ? List.of() : checkpoints.arguments());

		// weights fine-tuned from someone else's keep their license
		final ModelDescription.License license = start != null ? start.license() : TrainedModelExport.TRAINED_LICENSE;
		final String describe = data.patches().describe();
		final ModelDescription d = TrainedModelExport.write(network, outcome.weights(), out.name() != null ? out.name()
			: out.folder().getFileName().toString(), data.task(), data.scale(), data.valueNote(), license,
			data.normalization(), "trained by RestoreJ: " + describe, out.folder(), out.overwrite() || resume);
		TrainingSummary.write(out.folder(), checkpoints == null ? List.of() : checkpoints.arguments(), settings,
			describe, outcome, null);
		return new Result(d, settings, outcome, new TrainingReport(out.folder().toString(), outcome.steps(), outcome
			.firstLoss(), outcome.lastLoss(), psnrBefore(data.validation()), outcome.validationPsnr(), outcome
				.seconds()), describe);
	}

	/** The trainer's settings: the paper's loss and AdamW unless the options say otherwise. */
	static Trainer.Settings settings(final TrainingOptions o, final NetworkConfig network) {
		return settings(o, network, null);
	}

	/** @param dataLoss the data's loss when the options give none, or null for the paper's */
	static Trainer.Settings settings(final TrainingOptions o, final NetworkConfig network, final Loss dataLoss) {
		final String arch = network.architecture();
		final AdamW adamW = o.weightDecay() == null ? AdamW.of(arch) : new AdamW(0.9, 0.999, 1e-8, o.weightDecay(), 0);
		final Loss loss = o.loss() != null ? Loss.valueOf(o.loss().toUpperCase(Locale.ROOT)) : dataLoss != null
			? dataLoss : Loss.of(arch);
		// the graph optimiser's slow first step pays only for longer runs
		return new Trainer.Settings(network, loss, adamW, new LearningRateSchedule(o.learningRate(), o
			.minLearningRate(), o.warmupSteps(), o.steps()), PatchSchedule.parse(o.patchesFor(arch), o.steps()), o
				.seed(), o.logEvery(), o.validateEvery(), o.checkpointEvery(), new ExecutionOptions(o.device(), o
					.threads(), Math.min(o.threads(), 2), true), o.steps() >= 200);
	}

	private static double psnrBefore(final List<ImagePair> validation) {
		return validation.stream().mapToDouble(p -> Psnr.of(p.clean().data(), p.degraded().data(), 1.0)).average()
			.orElse(Double.NaN);
	}

	private static double tiffScale(final Path dir) {
		try (Stream<Path> s = Files.list(dir)) {
			final Path first = s.filter(p -> p.toString().toLowerCase(Locale.ROOT).matches(".*\\.tiff?$")).sorted()
				.findFirst().orElseThrow();
			return TiffImages.read(first).scale();
		}
		catch (final IOException e) {
			throw new DataException("Cannot list " + dir + ": " + e.getMessage(), e);
		}
	}
}
