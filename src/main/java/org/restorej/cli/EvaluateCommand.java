package org.restorej.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.restorej.data.Degradation;
import org.restorej.data.PointSpreadFunction;
import org.restorej.data.SyntheticDataset;
import org.restorej.train.TestSetEvaluation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A model on the held-out synthetic test set, beside the input and the best Gaussian filter. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
	description = "Measure a model folder on the held-out synthetic test set (16 images of 256x256, seed " +
		SyntheticDataset.TEST_SEED + ") against the degraded input and the best Gaussian filter.")
public final class EvaluateCommand implements Callable<Integer> {

	@Option(names = "--model", required = true, paramLabel = "MODEL_DIR")
	Path model;

	@Option(names = "--photons", defaultValue = "20", paramLabel = "P", description = "(default: ${DEFAULT-VALUE})")
	double photons;

	@Option(names = "--read-noise", defaultValue = "1.5", paramLabel = "E", description = "(default: ${DEFAULT-VALUE})")
	double readNoise;

	@Option(names = "--psf", defaultValue = "none", paramLabel = "none|gaussian:S|airy:R",
		description = "(default: ${DEFAULT-VALUE})")
	String psf;

	@Mixin
	ExecutionOptionsMixin execution;

	@Override
	public Integer call() {
		final Degradation d = new Degradation(photons, readNoise, PointSpreadFunction.parse(psf));
		System.out.print(TestSetEvaluation.run(model, SyntheticDataset.testSet(d), System.err::println, execution
			.options()));
		return 0;
	}
}
