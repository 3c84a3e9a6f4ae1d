package org.restorej.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.restorej.RestoreJException;
import org.restorej.bioimageio.export.PackageWriter;
import org.restorej.restore.Models;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A model folder as a package for other tools: bioimage.io. */
@Command(name = "export", mixinStandardHelpOptions = true,
	description = { "Write a model as a bioimage.io model package (model description format 0.5): rdf.yaml, " +
		"documentation, cover, test tensors and the SavedModel zipped, every file with its sha256.",
		"The network runs once, on the test input." })
final class ExportCommand implements Callable<Integer> {

	@Option(names = "--format", defaultValue = "bioimageio", paramLabel = "bioimageio", description = "The package " +
		"format (default: ${DEFAULT-VALUE}).")
	String format;

	@Option(names = "--model", required = true, paramLabel = "MODEL_DIR|NAME", description =
		"Model folder or installed model name.")
	String model;

	@Option(names = { "-o", "--output" }, required = true, paramLabel = "PACKAGE.zip",
		description = "The bioimage.io package to write.")
	Path output;

	@Option(names = "--overwrite", description = "Replace an existing PACKAGE.zip.")
	boolean overwrite;

	@Mixin
	ExecutionOptionsMixin execution;

	@Override
	public Integer call() throws Exception {
		if (!format.equals("bioimageio")) throw new RestoreJException("Unknown package format '" + format +
			"': RestoreJ writes --format bioimageio.");
		if (!output.getFileName().toString().toLowerCase().endsWith(".zip")) throw new RestoreJException("The " +
			"package " + output + " must be a .zip file.");
		final PackageWriter.Result r = PackageWriter.write(Models.resolve(model), output, overwrite, execution
			.options());
		System.out.println("Wrote " + r.output() + " (bioimage.io model '" + r.name() + "', format 0.5)");
		for (final String n : r.notExpressed())
			System.out.println("Not expressible in the format: " + n);
		return 0;
	}
}
