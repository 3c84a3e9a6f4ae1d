package org.restorej.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.restorej.bioimageio.PackageModels;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.model.ModelLocator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints a model's description: architecture, task, channels, size rule, license. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a model.")
final class InfoCommand implements Callable<Integer> {

	@Option(names = "--model", required = true, paramLabel = "MODEL_DIR|NAME")
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
		System.out.println("Model:        " + d.name() + " (" + dir + ")");
		System.out.println("Architecture: " + d.architecture() + " " + d.config());
		System.out.println("Task:         " + d.task());
		System.out.println("Input:        " + d.input().count() + " channel(s) " + d.input().meaning());
		System.out.println("Output:       " + d.output().count() + " channel(s) " + d.output().meaning());
		System.out.println("Values:       [" + d.valueRange().min() + ", " + d.valueRange().max() + "], " + d
			.valueRange().note());
		System.out.println("Size rule:    " + (d.size().square() ? "square, " : "") + "multiple of " + d.size()
			.multiple() + " (" + d.size().officialHandling() + "). " + d.size().note());
		System.out.println("Tiling:       tile " + d.tiling().tileSize() + ", halo " + d.tiling().halo());
		System.out.printf("Source:       %s (sha256 %s), %,d parameters%n", d.source().checkpoint(), d.source()
			.sha256(), d.source().parameters());
		System.out.println("License:      " + d.license().name() + (d.license().commercialUse() ? ""
			: " (NON-COMMERCIAL)") + " " + d.license().url());
		System.out.println("              " + d.license().notice());
		return 0;
	}
}
