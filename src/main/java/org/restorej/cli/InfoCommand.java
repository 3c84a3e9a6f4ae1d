package org.restorej.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.restorej.bioimageio.PackageModels;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.model.ModelSummary;
import org.restorej.model.ModelLocator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints a model's description: architecture, task, channels, size rule, license. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a model.")
final class InfoCommand implements Callable<Integer> {

	@Option(names = "--model", required = true, paramLabel = "MODEL_DIR|NAME", description = "Model folder or " +
		"installed model name.")
	String model;

	@Option(names = "--json", description = "Print model.json as it is.")
	boolean json;

	@Override
	public Integer call() {
		final Path dir = ModelLocator.resolve(model);
		final ModelDescription d = ModelDescriptions.read(PackageModels.folder(dir));
		if (json) {
			System.out.println(ModelDescriptions.toJson(d));
			return 0;
		}
		// the same lines as Describe Model and Ext.describe
		System.out.println(ModelSummary.text(d, dir));
		return 0;
	}
}
