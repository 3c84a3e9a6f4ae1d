package org.restorej.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.restorej.RestoreJException;
import org.restorej.export.CheckpointImporter;
import org.restorej.export.ConfigFiles;
import org.restorej.export.Preset;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Official PyTorch checkpoint to RestoreJ model folder. */
@Command(name = "import", mixinStandardHelpOptions = true,
	description = { "Convert an official Restormer or AST checkpoint (.pth) into a model folder " +
		"(SavedModel + model.json + test data).",
		"Give --preset NAME, or --arch with --config (the official constructor's keyword arguments as JSON, " +
			"or an official options YAML with a network_g section); with neither, the configuration is " +
			"detected from the checkpoint." })
final class ImportCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "CHECKPOINT.pth", description = "An official Restormer or AST " +
		"checkpoint (PyTorch .pth), read without running any of its code.")
	Path checkpoint;

	@Option(names = { "-o", "--output" }, required = true, paramLabel = "MODEL_DIR", description = "The model " +
		"folder to write (SavedModel, model.json, test data).")
	Path output;

	@Option(names = "--preset", paramLabel = "NAME", description = "One of: ${COMPLETION-CANDIDATES}.",
		completionCandidates = PresetNames.class)
	String preset;

	@Option(names = "--arch", paramLabel = "restormer|ast", description = "The network, with --config.")
	String arch;

	@Option(names = "--config", paramLabel = "FILE", description = "With --arch: the official constructor's " +
		"keyword arguments as JSON, or an official options YAML with a network_g section.")
	Path config;

	@Option(names = "--name", description = "Model name (default: the preset, or the checkpoint's name).")
	String name;

	@Option(names = "--overwrite", description = "Replace MODEL_DIR if it exists.")
	boolean overwrite;

	@Override
	public Integer call() throws Exception {
		if (preset != null && (arch != null || config != null)) throw new RestoreJException(
			"Give either --preset or --arch with --config, not both.");
		if ((arch == null) != (config == null)) throw new RestoreJException(
			"--arch and --config go together: --arch names the architecture, --config holds its arguments.");
		final CheckpointImporter.Request request = new CheckpointImporter.Request(checkpoint, output,
			preset == null ? null : Preset.byId(preset), arch, config == null ? null : ConfigFiles.read(config),
			name, overwrite);
		CheckpointImporter.run(request, System.out::println);
		return 0;
	}

	static final class PresetNames extends java.util.ArrayList<String> {
		PresetNames() {
			for (final Preset p : Preset.values())
				add(p.id());
		}
	}
}
