package org.restorej.cli;

import java.util.concurrent.Callable;

import org.restorej.engine.device.PlacedModel;
import org.restorej.model.ModelLocator;
import org.restorej.runtime.ModelVerifier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Re-runs a model's stored test input: checks an installation. */
@Command(name = "verify", mixinStandardHelpOptions = true,
	description = "Run the model's test input and compare with the output stored at export.")
final class VerifyCommand implements Callable<Integer> {

	@Option(names = "--model", required = true, paramLabel = "MODEL_DIR|NAME", description = "Model folder or " +
		"installed model name.")
	String model;

	@Mixin
	ExecutionOptionsMixin execution;

	@Override
	public Integer call() throws Exception {
		final ModelVerifier.Report r;
		try (PlacedModel placed = execution.load(ModelLocator.resolve(model))) {
			r = ModelVerifier.verify(placed.model());
		}
		System.out.printf("%s: %s against the export's output (tolerance %.1g), %.2f s: %s%n", r.model(), r
			.difference(), r.tolerance(), r.seconds(), r.passed() ? "OK" : "FAILED");
		return r.passed() ? 0 : 1;
	}
}
