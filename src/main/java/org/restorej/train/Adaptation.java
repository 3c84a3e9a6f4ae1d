package org.restorej.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.restorej.RestoreJException;
import org.restorej.io.PartialFiles;
import org.restorej.model.ModelDescriptions;
import org.restorej.restore.InvalidSettingException;

/**
 * Adaptation to the user's own image ({@code restore --adapt}): the model is fine-tuned self-supervised
 * ({@link SelfSupervisedTraining}, Neighbor2Neighbor) on the noisy input itself, a file or a whole folder at
 * once, and the input is then restored with the adapted model. No clean image is needed; what the network
 * learns is this camera's noise and this sample's structures.
 */
public final class Adaptation {

	/** Updates for {@code auto} per megapixel of input, within these bounds: about 2 minutes a megapixel here. */
	public static final long STEPS_PER_MEGAPIXEL = 400, MIN_AUTO_STEPS = 400, MAX_AUTO_STEPS = 1600;

	/** {@code off}, {@code auto} or a number of steps, as the {@code adapt} option reads. */
	public record Steps(long count, boolean auto) {

		public static final Steps OFF = new Steps(0, false);

		/** @throws RestoreJException naming the option and its forms for anything else */
		public static Steps parse(final String given) {
			final String v = given == null ? "" : given.trim();
			if (v.isEmpty() || v.equalsIgnoreCase("off") || v.equals("0")) return OFF;
			if (v.equalsIgnoreCase("auto")) return new Steps(0, true);
			try {
				final long n = Long.parseLong(v);
				if (n > 0 && n <= 100_000) return new Steps(n, false);
			}
			catch (final NumberFormatException e) {
				// refused below
			}
			throw new InvalidSettingException("adapt", given, "off, auto, or a number of training steps from 1 to " +
				"100000, e.g. adapt=auto");
		}

		public boolean on() {
			return auto || count > 0;
		}

		/** The steps for an input of {@code pixels} pixels (all planes). */
		public long resolve(final long pixels) {
			if (!auto) return count;
			return Math.max(MIN_AUTO_STEPS, Math.min(MAX_AUTO_STEPS, Math.round(STEPS_PER_MEGAPIXEL * pixels / 1e6)));
		}
	}

	/**
	 * The adapted model's folder, and the temporary folder holding it that {@link #close} removes (or null); a
	 * folder that cannot be removed is reported to {@code log}, never fails the restoration that used it.
	 */
	public record Adapted(Path model, Path temporary, Consumer<String> log) implements AutoCloseable {

		/** A model used as it is: nothing to remove. */
		public static Adapted none(final Path model) {
			return new Adapted(model, null, m -> {});
		}

		@Override
		public void close() {
			quietlyDelete(temporary, log);
		}
	}

	static void quietlyDelete(final Path root, final Consumer<String> log) {
		if (root == null) return;
		try {
			PartialFiles.delete(root);
		}
		catch (final IOException e) {
			log.accept("Warning: could not delete the temporary folder " + root + ": " + e.getMessage());
		}
	}

	private Adaptation() {}

	/**
	 * Fine-tunes {@code model} on the noisy TIFF {@code input} (or every TIFF of that folder).
	 *
	 * @param saveTo where the adapted model goes, or null for a temporary folder {@link Adapted#close} removes
	 * @param cancelled polled before every step; a cancel leaves no model folder
	 */
	public static Adapted adapt(final Path model, final Path input, final Steps steps, final Path saveTo,
		final boolean overwrite, final Consumer<Trainer.Progress> progress, final Consumer<String> log,
		final BooleanSupplier cancelled) throws IOException
	{
		if (!steps.on()) throw new IllegalArgumentException("adaptation is off");
		if (!Files.isRegularFile(model.resolve(org.restorej.model.ModelDescription.FILE_NAME)))
			throw new RestoreJException("Cannot adapt " + model + ": adaptation fine-tunes a model folder (with " +
				"model.json); give one, e.g. restormer-fluorescence-denoising.");
		final String architecture = ModelDescriptions.read(model).architecture();
		final TrainingOptions base = SelfSupervisedTraining.options(Map.of("finetune", model.toAbsolutePath()
			.toString(), "arch", architecture, "validation", "0"), false);
		final TrainingRun.Data probe = SelfSupervisedTraining.data(input, base);
		final long pixels = probe.patches() instanceof NeighborSubsampledPatches n ? n.pixels() : 0;
		final long count = steps.resolve(pixels);
		final Map<String, String> m = base.toMap();
		m.put("steps", Long.toString(count));
		// the self-supervised patches (64x8), smaller on an image too small for them
		final int patch = Math.min(64, probe.patches().maxPatch() / 8 * 8);
		if (patch < 16) throw new RestoreJException(input + " is too small to adapt a model to: give an image of at " +
			"least 64x64 pixels, or restore without adapt.");
		m.put("patches", patch + "x" + Math.max(8, 8 * 64 * 64 / (patch * patch)));
		m.put("warmup", Long.toString(Math.min(50, count / 10)));
		final TrainingOptions o = TrainingOptions.fromMap(m);
		final Path folder = saveTo != null ? saveTo : Files.createTempDirectory("restorej-adapted-").resolve(model
			.getFileName().toString() + "-adapted");
		log.accept(String.format(Locale.ROOT, "Adapting %s to %s: %d self-supervised steps (%s) ...", model
			.getFileName(), input.getFileName(), count, steps.auto() ? "auto, for " + String.format(Locale.ROOT,
				"%.2f", pixels / 1e6) + " megapixels" : "as asked"));
		boolean done = false;
		try {
			TrainingRun.run(o, probe, new TrainingRun.Output(folder, null, overwrite), null, progress, log, cancelled);
			done = true;
		}
		finally {
			// a cancel, a failure or an Error leaves no temporary model behind (TrainingRun leaves no model folder)
			if (!done && saveTo == null) quietlyDelete(folder.getParent(), log);
		}
		return new Adapted(folder, saveTo == null ? folder.getParent() : null, log);
	}
}
