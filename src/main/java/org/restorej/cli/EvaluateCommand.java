package org.restorej.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.restorej.RestoreJException;

import org.restorej.data.Acquisition;
import org.restorej.data.Degradation;
import org.restorej.data.RealAcquisitions;
import org.restorej.data.PointSpreadFunction;
import org.restorej.data.SyntheticDataset;
import org.restorej.model.ModelLocator;
import org.restorej.restore.InvalidSettingException;
import org.restorej.train.Adaptation;
import org.restorej.train.HeldOutEvaluation;
import org.restorej.train.RealEvaluation;
import org.restorej.train.TestSetEvaluation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Models on held-out synthetic data: without {@code --model} (or with {@code --held-out}) every bundled model
 * (or the given ones) with default options on the held-out acquisitions per photon level, beside the noisy
 * input, an oracle Gaussian and VST + non-local means; {@code --model DIR} alone: the fixed-degradation test
 * set beside the input and the best Gaussian filter.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
	description = { "Without --model, or with --held-out: each bundled model (or each --model) with default " +
		"options on the held-out acquisitions (scene families and cameras training never saw; photons 1 to 1000 at " +
		"the brightest pixel), PSNR and SSIM per photon level against the noisy input, a Gaussian filter with sigma " +
		"tuned per image on the clean image, and non-local means after a variance-stabilising transform.",
		"With --model alone: the model on the fixed-degradation test set (16 images of 256x256, seed " +
			SyntheticDataset.TEST_SEED + ") against the degraded input and the best Gaussian filter." })
public final class EvaluateCommand implements Callable<Integer> {

	@Option(names = "--model", paramLabel = "MODEL_DIR", description = "A model folder (repeatable with --held-out).")
	List<Path> models = new ArrayList<>();

	@Option(names = "--held-out", description = "The held-out acquisitions table (the default without --model).")
	boolean heldOut;

	@Option(names = "--real", arity = "0..1", fallbackValue = "", paramLabel = "DIR",
		description = { "Real images, one row each: the bundled real held-out scenes (models/" +
			RealAcquisitions.BUNDLED_SCENES + ", photographs and scientific images from Debian packages that training " +
			"never used, acquired at 1 to 1000 photons), or the pairs of DIR (NAME-clean.tif, NAME-noisy.tif raw " +
			"camera values, NAME.json with photons, readNoise, offset, gain, bits), against four classical filters " +
			"each tuned on the clean image: Gaussian, and after a variance-stabilising transform non-local means, " +
			"total variation and BayesShrink wavelets." })
	String real;

	@Option(names = "--ensemble", defaultValue = "1", paramLabel = "1|4|8", description = "With --real: each " +
		"model also as a self-ensemble of that many passes (flips, and quarter turns with 8), a column of its own " +
		"(default: ${DEFAULT-VALUE}).")
	int ensemble;

	@Option(names = "--adapt", defaultValue = "off", paramLabel = "off|auto|STEPS", description = "With --real: " +
		"each model also adapted to each image (restore --adapt: self-supervised on the noisy image alone), a " +
		"column of its own; minutes per image (default: ${DEFAULT-VALUE}).")
	String adapt;

	@Option(names = "--images", defaultValue = ".*", paramLabel = "REGEX", description = "With --real: only the " +
		"images whose name matches, e.g. 'hopper.*|.*-1000ph' (default: all).")
	String images;

	@Option(names = "--write-real", paramLabel = "DIR",
		description = "Write the bundled real held-out acquisitions as pairs into DIR (the format --real DIR reads).")
	Path writeReal;

	@Option(names = "--photons", defaultValue = "20", paramLabel = "P", description = "With --model: " +
		"photons at the brightest pixel of the test set's degradation (default: ${DEFAULT-VALUE}).")
	double photons;

	@Option(names = "--read-noise", defaultValue = "1.5", paramLabel = "E", description = "With --model: " +
		"camera read noise in electrons (default: ${DEFAULT-VALUE}).")
	double readNoise;

	@Option(names = "--psf", defaultValue = "none", paramLabel = "none|gaussian:S|airy:R",
		description = "With --model: the blur of the test set's degradation (default: ${DEFAULT-VALUE}).")
	String psf;

	@Mixin
	ExecutionOptionsMixin execution;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		if (writeReal != null) {
			final List<Acquisition> a = RealAcquisitions.acquire(bundledRealScenes());
			RealAcquisitions.write(a, writeReal);
			System.out.println("Wrote " + a.size() + " pairs to " + writeReal);
			return 0;
		}
		if (real == null && (ensemble != 1 || !adapt.equals("off") || !images.equals(".*"))) throw new ParameterException(
			spec.commandLine(), "--ensemble, --adapt and --images go with --real.");
		if (real != null) {
			// every option checked before the minutes of tuning the classical filters
			if (ensemble != 1 && ensemble != 4 && ensemble != 8) throw new ParameterException(spec.commandLine(),
				"--ensemble " + ensemble + " is not 1, 4 or 8.");
			final Pattern pattern;
			final Adaptation.Steps steps;
			try {
				pattern = Pattern.compile(images);
				steps = Adaptation.Steps.parse(adapt);
			}
			catch (final PatternSyntaxException | InvalidSettingException e) {
				throw new ParameterException(spec.commandLine(), e instanceof PatternSyntaxException ? "--images " +
					images + " is not a regular expression: " + e.getMessage().lines().findFirst().orElse("") : e
						.getMessage());
			}
			final List<Path> dirs = models.isEmpty() ? HeldOutEvaluation.BUNDLED.stream().map(ModelLocator::resolve)
				.toList() : models;
			final List<Acquisition> all = real.isEmpty() ? RealAcquisitions.acquire(bundledRealScenes())
				: RealAcquisitions.read(Path.of(real));
			final List<Acquisition> chosen = all.stream().filter(a -> pattern.matcher(a.name()).matches()).toList();
			if (chosen.isEmpty()) throw new RestoreJException("No image of " + (real.isEmpty() ? "the real held-out set"
				: real) + " matches --images " + images + (all.isEmpty() ? "." : ": its names look like " + all.get(0)
					.name() + "."));
			System.out.print(RealEvaluation.run(chosen, dirs, ensemble, steps, System.err::println));
			return 0;
		}
		if (heldOut || models.isEmpty()) {
			final List<Path> dirs = models.isEmpty() ? HeldOutEvaluation.BUNDLED.stream().map(ModelLocator::resolve)
				.toList() : models;
			System.out.print(HeldOutEvaluation.run(dirs, System.out::println));
			return 0;
		}
		if (models.size() > 1) throw new RestoreJException("The test-set table takes one --model; give --held-out " +
			"to compare several.");
		final Path model = models.get(0);
		final Degradation d = new Degradation(photons, readNoise, PointSpreadFunction.parse(psf));
		System.out.print(TestSetEvaluation.run(model, SyntheticDataset.testSet(d), System.err::println, execution
			.options()));
		return 0;
	}

	/** The bundled real held-out scenes, from the first models folder that has them. */
	static Path bundledRealScenes() {
		for (final Path folder : ModelLocator.modelFolders())
			if (Files.isDirectory(folder.resolve(RealAcquisitions.BUNDLED_SCENES))) return folder.resolve(
				RealAcquisitions.BUNDLED_SCENES);
		throw new RestoreJException("The bundled real held-out scenes (" + RealAcquisitions.BUNDLED_SCENES + ") are " +
			"in none of " + ModelLocator.modelFolders() + ": run from the RestoreJ folder, set RESTOREJ_MODELS, or give " +
			"--real DIR with pairs of your own.");
	}
}
