package org.restorej.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.restorej.RestoreJException;
import org.restorej.array.NhwcArray;
import org.restorej.data.ImagePair;
import org.restorej.engine.CancelledException;
import org.restorej.engine.OfficialSizeHandling;
import org.restorej.engine.device.ModelLoader;
import org.restorej.metrics.Psnr;
import org.restorej.nn.NetworkConfig;
import org.restorej.nn.WeightSource;
import org.restorej.runtime.ExecutionOptions;

/**
 * Trains a network on patches: progressive patch schedule, AdamW with warm-up and cosine decay, the
 * paper's loss, validation PSNR and resumable checkpoints. The result is a snapshot of the trained weights,
 * ready for {@link org.restorej.export.ModelExporter}.
 */
public final class Trainer {

	/**
	 * @param seed drives the batches (the initial weights use their own seed)
	 * @param logEvery steps between progress lines
	 * @param validateEvery steps between validation PSNRs (0: only at the end)
	 * @param checkpointEvery steps between checkpoints (0: only at the end, if a folder is given)
	 * @param execution device and TensorFlow threads (0: all cores), through the one builder of session options
	 * @param optimiseGraph let TensorFlow's graph optimiser fuse the training graph (slow first step; off pays
	 *          for runs of a few dozen steps, such as tests)
	 */
	public record Settings(NetworkConfig network, Loss loss, AdamW optimizer, LearningRateSchedule learningRate,
		PatchSchedule patches, long seed, int logEvery, int validateEvery, int checkpointEvery,
		ExecutionOptions execution, boolean optimiseGraph)
	{
		public Settings {
			if (patches.totalSteps() != learningRate.totalSteps()) throw new IllegalArgumentException(
				"patch schedule and learning rate schedule disagree on the number of steps");
		}

		public long steps() {
			return patches.totalSteps();
		}
	}

	/**
	 * One progress report: the mean loss over the steps since the previous one.
	 *
	 * @param validationName what the validation figure is ({@link PatchSource#validationName()})
	 */
	public record Progress(long step, long steps, int patch, int batch, double learningRate, double loss,
		double validationPsnr, double secondsPerStep, double elapsedSeconds, String validationName)
	{
		public Progress(final long step, final long steps, final int patch, final int batch, final double learningRate,
			final double loss, final double validationPsnr, final double secondsPerStep, final double elapsedSeconds)
		{
			this(step, steps, patch, batch, learningRate, loss, validationPsnr, secondsPerStep, elapsedSeconds,
				PatchSource.VALIDATION_PSNR);
		}

		/** The time the remaining steps take at the latest pace. */
		public double secondsLeft() {
			return (steps - step) * secondsPerStep;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "step %d/%d  patch %dx%d batch %d  lr %.2e  loss %.5f%s  %.2f s/step  " +
				"%.0f s, about %.0f s left", step, steps, patch, patch, batch, learningRate, loss, Double.isNaN(
					validationPsnr) ? "" : String.format(Locale.ROOT, "  %s %.2f dB", validationName, validationPsnr),
				secondsPerStep, elapsedSeconds, secondsLeft());
		}
	}

	/** The trained weights and how training went. */
	public record Outcome(TrainedWeights weights, long steps, double firstLoss, double lastLoss,
		double validationPsnr, double seconds, long parameters) {}

	/** Where training starts: a checkpoint to resume, given weights (fine-tuning), or seeded initial ones. */
	public record Start(Path resumeFrom, WeightSource weights, String weightsName, long initSeed) {

		public static Start fromScratch(final long initSeed) {
			return new Start(null, null, null, initSeed);
		}

		public static Start fineTune(final WeightSource weights, final String name) {
			return new Start(null, weights, name, 0);
		}

		public static Start resume(final Path checkpointDir) {
			return new Start(checkpointDir, null, null, 0);
		}
	}

	private final Settings settings;
	private final PatchSampler sampler;
	private final PatchSource data;
	private final List<ImagePair> validation;
	private final Consumer<Progress> progress;
	private final Consumer<String> log;
	private final BooleanSupplier cancelled;

	public Trainer(final Settings settings, final PatchSource data, final List<ImagePair> validation,
		final Consumer<Progress> progress, final Consumer<String> log)
	{
		this(settings, data, validation, progress, log, () -> false);
	}

	/** @param cancelled polled before every step: training then stops with a {@link CancelledException} */
	public Trainer(final Settings settings, final PatchSource data, final List<ImagePair> validation,
		final Consumer<Progress> progress, final Consumer<String> log, final BooleanSupplier cancelled)
	{
		this.cancelled = cancelled;
		this.settings = settings;
		this.data = data;
		this.validation = validation;
		this.progress = progress;
		this.log = log;
		this.sampler = new PatchSampler(data, settings.seed());
		final NetworkConfig n = settings.network();
		settings.patches().check(n.sizeRule(), n.architecture());
		if (data.inputChannels() != n.inputChannels() || data.outputChannels() != n.outputChannels())
			throw new RestoreJException("The data has " + data.inputChannels() + " input and " + data
				.outputChannels() + " output channel(s) but the network " + n.inputChannels() + " and " + n
					.outputChannels() + ": choose a network with the data's channels.");
		final int largest = settings.patches().stages().stream().mapToInt(PatchSchedule.Stage::patch).max()
			.orElse(0);
		if (largest > data.maxPatch()) throw new RestoreJException("Patch size " + largest + " is larger than the " +
			"smallest training image (" + data.maxPatch() + " pixels): use smaller patches or larger images.");
	}

	/**
	 * Runs training to the end of the schedule.
	 *
	 * @param checkpoints folder for resumable checkpoints, or null for none
	 * @param arguments recorded in checkpoints (how this run was started)
	 */
	public Outcome run(final Start start, final Path checkpoints, final List<String> arguments)
		throws IOException
	{
		final long t0 = System.nanoTime();
		final ModelLoader.Placement placed = ModelLoader.place(settings.execution());
		placed.fallback().ifPresent(log);
		log.accept("Training runs on " + placed.device() + " (requested: " + settings.execution().device() + ")");
		try (TrainingGraph g = new TrainingGraph(settings.network(), settings.loss(), settings.optimizer(), placed
			.options(), settings.optimiseGraph()))
		{
			log.accept(String.format(Locale.ROOT, "Network %s: %,d parameters; graph built in %.1f s", settings
				.network(), g.parameters().parameterCount(), (System.nanoTime() - t0) / 1e9));
			long step = 0;
			if (start.resumeFrom() != null) {
				final TrainingCheckpoint c = TrainingCheckpoint.read(start.resumeFrom());
				c.restore(g, start.resumeFrom());
				step = c.step();
				log.accept("Resumed from " + start.resumeFrom() + " at step " + step);
			}
			else if (start.weights() != null) {
				g.initialise(start.weights(), start.weightsName());
				log.accept("Fine-tuning from " + start.weightsName());
			}
			else g.initialise(new InitialWeights(g.parameters(), start.initSeed()), "initial weights (seed " + start
				.initSeed() + ")");
			log.accept("Data: " + data.describe());
			log.accept(String.format(Locale.ROOT, "Loss %s, AdamW %s, lr %s, patches %s", settings.loss(), settings
				.optimizer(), settings.learningRate(), settings.patches()));

			double first = Double.NaN, last = Double.NaN, sum = 0, val = Double.NaN, lastValidation = Double.NaN;
			int count = 0;
			long windowStart = System.nanoTime();
			final long trainStart = System.nanoTime();
			for (; step < settings.steps(); step++) {
				if (cancelled.getAsBoolean()) throw CancelledException.of("Training was cancelled after " + step + " of " +
					settings.steps() + " steps; no model was written.", step, settings.steps());
				final PatchSchedule.Stage stage = settings.patches().at(step);
				final PatchSampler.Batch b = sampler.batch(step, stage.patch(), stage.batch());
				final double lr = settings.learningRate().at(step);
				final float loss = g.step(b.degraded(), b.clean(), lr, step);
				if (!Float.isFinite(loss)) throw new RestoreJException("Training diverged at step " + step + " (loss " +
					loss + "): lower the learning rate (--lr) or resume from the last checkpoint with a lower one.");
				if (Double.isNaN(first)) first = loss;
				sum += loss;
				count++;
				final long done = step + 1;
				final boolean end = done == settings.steps();
				if (settings.validateEvery() > 0 && done % settings.validateEvery() == 0 || end) {
					val = validate(g);
					lastValidation = val;
				}
				// checkpoint before reporting, so that whoever watches the progress can stop the run safely
				if (checkpoints != null && (settings.checkpointEvery() > 0 && done % settings.checkpointEvery() == 0 ||
					end)) TrainingCheckpoint.save(g, checkpoints, done, arguments);
				if (done % Math.max(1, settings.logEvery()) == 0 || end) {
					last = sum / count;
					final double perStep = (System.nanoTime() - windowStart) / 1e9 / count;
					progress.accept(new Progress(done, settings.steps(), stage.patch(), stage.batch(), lr, last, val,
						perStep, (System.nanoTime() - trainStart) / 1e9, data.validationName()));
					sum = 0;
					count = 0;
					windowStart = System.nanoTime();
					val = Double.NaN;
				}
			}
			// a run resumed at its very end has not validated yet
			final double finalVal = Double.isNaN(lastValidation) ? validate(g) : lastValidation;
			return new Outcome(TrainedWeights.of(g.parameters(), g.session()), settings.steps(), first, last,
				finalVal, (System.nanoTime() - t0) / 1e9, g.parameters().parameterCount());
		}
	}

	/** Mean PSNR (data range 1) of the network on the validation pairs, reflect-padded to its size rule. */
	private double validate(final TrainingGraph g) {
		if (validation.isEmpty()) return Double.NaN;
		double total = 0;
		for (final ImagePair p : validation) {
			final NhwcArray in = p.degraded();
			final int h = (int) g.config().sizeRule().roundUp(in.height());
			final int w = (int) g.config().sizeRule().roundUp(in.width());
			final NhwcArray padded = h == in.height() && w == in.width() ? in : OfficialSizeHandling.reflectPad(in, h,
				w);
			final NhwcArray out = g.predict(padded).crop(0, 0, in.height(), in.width());
			total += Psnr.of(p.clean().data(), out.data(), 1.0);
		}
		return total / validation.size();
	}
}
