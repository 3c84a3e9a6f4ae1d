package org.restorej.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.restorej.array.NhwcArray;
import org.restorej.data.ImagePair;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.model.ModelLocator;
import org.restorej.model.ModelNotFoundException;

/**
 * Training from noisy images alone ({@code restorej train --noisy}, Train Model's "noisy images only"):
 * Neighbor2Neighbor sub-sampled pairs with a squared loss, by default fine-tuning the bundled model of the
 * architecture so that a few hundred steps suffice. The images are normalised as the starting model declares
 * (from scratch, or a model that declares only the pixel type's range: percentiles 1 and 99.8 of each image),
 * and the new model declares the same, so that {@code normalize=auto} maps images in use exactly as in training.
 */
public final class SelfSupervisedTraining {

	/** The bundled models fine-tuned by default, found by name like {@code restore --model NAME}. */
	public static final String RESTORMER_BASE = "restormer-fluorescence-denoising",
		AST_BASE = "ast-fluorescence-restoration";

	/** Default updates: minutes on a 2-core CPU when fine-tuning the compact bundled models. */
	public static final long DEFAULT_STEPS = 400;

	/** Default patches: sub-sampled 64x64 (from 128x128 crops), 8 a batch. */
	public static final String DEFAULT_PATCHES = "64x8";

	/** Default peak learning rate: fine-tuning moves the weights less than training from scratch. */
	public static final double FINE_TUNE_LR = 1e-4;

	/** From scratch, as CSBDeep normalises: the 1st and 99.8th percentile of each image. */
	public static final ModelDescription.Normalization SCRATCH_NORMALIZATION = ModelDescription.Normalization
		.percentile(1, 99.8, ModelDescription.Normalization.IMAGE, false);

	/** The option key of the Fiji command and macros that selects this training (low folder, no high folder). */
	public static final String NOISY_KEY = "noisy";

	private SelfSupervisedTraining() {}

	/**
	 * The options a self-supervised run uses: the bundled model of the architecture as the fine-tune source
	 * unless one is given or {@code fromScratch}; the self-supervised patch schedule unless one is given.
	 */
	public static TrainingOptions options(final TrainingOptions o, final boolean fromScratch) {
		final Map<String, String> m = o.toMap();
		if (o.fineTune() == null && !fromScratch) m.put("finetune", bundled(o.architectureOr(null)).toString());
		if (o.patches() == null) m.put("patches", DEFAULT_PATCHES);
		return TrainingOptions.fromMap(m);
	}

	/**
	 * Macro and Fiji options ({@link TrainingOptions#fromMap}) with this training's defaults for what they leave
	 * out: {@link #DEFAULT_STEPS} steps, and when fine-tuning the learning rate {@link #FINE_TUNE_LR}.
	 */
	public static TrainingOptions options(final Map<String, String> given, final boolean fromScratch) {
		final Map<String, String> m = new java.util.LinkedHashMap<>(given);
		m.putIfAbsent("steps", Long.toString(DEFAULT_STEPS));
		final boolean fineTuning = !fromScratch || m.get("finetune") != null && !m.get("finetune").isBlank();
		if (fineTuning) m.putIfAbsent("lr", Double.toString(FINE_TUNE_LR));
		return TrainingOptions.fromMap(m);
	}

	public static String baseName(final String architecture) {
		return architecture.equals("ast") ? AST_BASE : RESTORMER_BASE;
	}

	private static Path bundled(final String architecture) {
		try {
			return ModelLocator.resolve(baseName(architecture)).toAbsolutePath();
		}
		catch (final ModelNotFoundException e) {
			throw new ModelNotFoundException("The bundled model " + baseName(architecture) + ", which training from " +
				"noisy images starts from, is not in " + ModelLocator.modelFolders() + ": install RestoreJ's models/ " +
				"folder (or set RESTOREJ_MODELS), name a model to fine-tune, or train from scratch.");
		}
	}

	/**
	 * The noisy TIFFs of {@code dir}, normalised as the options' starting model declares; with 4 or more planes
	 * the last is held out for validation, else the bottom eighth of every plane (validation {@code 0}: none).
	 */
	public static TrainingRun.Data data(final Path dir, final TrainingOptions o) {
		final ModelDescription.Normalization n = normalizationOf(o.fineTune());
		final NoisyImages all = NoisyImages.load(dir, n);
		final boolean validate = !o.validation().equals("0");
		final List<NhwcArray> train = new ArrayList<>(), held = new ArrayList<>();
		if (validate && all.planes().size() >= 4) {
			train.addAll(all.planes().subList(0, all.planes().size() - 1));
			held.add(all.planes().get(all.planes().size() - 1));
		}
		else for (final NhwcArray p : all.planes()) {
			final int band = validate ? Math.max(16, p.height() / 8 / 16 * 16) : 0;
			if (band == 0 || p.height() - band < 2 * band) train.add(p);
			else {
				train.add(p.crop(0, 0, p.height() - band, p.width()));
				held.add(p.crop(p.height() - band, 0, band, p.width()));
			}
		}
		final NoisyImages images = new NoisyImages(train, all.files(), all.typeMax());
		final List<ImagePair> validation = NeighborSubsampledPatches.validationPairs(held, o.seed());
		final double scale = all.typeMax();
		return new TrainingRun.Data(new NeighborSubsampledPatches(images), validation, images.channels(), scale > 0
			? scale : 1, "denoising", "noisy images normalised as declared in 'normalization' (" + describe(n) +
				"), trained self-supervised (Neighbor2Neighbor) on " + dir.getFileName(), null, n, Loss.L2);
	}

	/**
	 * How the noisy images are normalised: as the starting model folder declares, except the pixel type's range
	 * ({@code type}: format-1 folders, official checkpoints, and today's bundled models), and from scratch, which
	 * take percentiles 1 and 99.8 of each image. The type's range fits only the data such a model was trained on:
	 * camera images that use a few percent of the 16-bit range would reach the network as values near 0, which
	 * fine-tuning cannot undo in a few hundred steps (measured: 24.0 dB instead of 36.1 dB on the image of
	 * docs/training.md).
	 */
	static ModelDescription.Normalization normalizationOf(final String fineTune) {
		if (fineTune == null) return SCRATCH_NORMALIZATION;
		final Path p = Path.of(fineTune);
		final ModelDescription.Normalization n = Files.isRegularFile(p.resolve(ModelDescription.FILE_NAME))
			? ModelDescriptions.read(p).normalization() : ModelDescription.Normalization.typeRange();
		return n.method().equals(ModelDescription.Normalization.TYPE) ? SCRATCH_NORMALIZATION : n;
	}

	private static String describe(final ModelDescription.Normalization n) {
		return switch (n.method()) {
			case ModelDescription.Normalization.PERCENTILE -> String.format(Locale.ROOT, "percentiles %s-%s per %s%s", n
				.low(), n.high(), n.scope(), n.perChannel() ? ", per channel" : "");
			case ModelDescription.Normalization.RANGE -> "raw " + n.min() + " to " + n.max();
			default -> n.method();
		};
	}
}
