package org.restorej.cli;

import java.nio.file.Path;

import org.restorej.bioimageio.PackageModels;
import org.restorej.engine.device.ModelLoader;
import org.restorej.engine.device.PlacedModel;
import org.restorej.runtime.ExecutionOptions;

import picocli.CommandLine.Option;

/** {@code --device} and {@code --threads}, shared by every command that runs a model. */
final class ExecutionOptionsMixin {

	@Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|gpu:N|auto",
		description = "Where TensorFlow runs (default: ${DEFAULT-VALUE}).")
	String device;

	@Option(names = "--threads", defaultValue = "0", paramLabel = "N",
		description = "CPU cores to use: N threads inside an op, one op at a time; 0 lets TensorFlow use all cores (default: ${DEFAULT-VALUE}).")
	int threads;

	ExecutionOptions options() {
		return ExecutionOptions.of(device, threads);
	}

	/** Loads a model folder through the one loader; its messages (device, fallback) go to standard error. */
	PlacedModel load(final Path modelDir) {
		return ModelLoader.load(PackageModels.folder(modelDir), options(), System.err::println);
	}
}
