package org.restorej.worker;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The model tasks that need RestoreJ's own libraries (TensorFlow to export, Gson to read model.json),
 * run in the {@link Worker} so that Fiji's and ImageJ's class paths need none of them.
 */
public final class WorkerModels {

	private WorkerModels() {}

	/** The description of a model folder, as lines for people. */
	public static String describe(final Path modelDir) {
		return Worker.shared().call(Message.of("describe", "model", modelDir.toAbsolutePath().toString()), m -> {},
			() -> false, "describing " + modelDir, modelDir.toString()).get("text");
	}

	/**
	 * Imports an official checkpoint into a model folder and returns the new model's description.
	 *
	 * @param preset an official task, or empty to detect the configuration from the checkpoint
	 * @param name the model's name, or empty for the preset's (or the checkpoint's)
	 */
	public static String importCheckpoint(final Path checkpoint, final Path modelDir, final String preset,
		final String name, final boolean overwrite, final Consumer<String> log, final BooleanSupplier cancelled)
	{
		return Worker.shared().call(Message.of("import", "checkpoint", checkpoint.toAbsolutePath().toString(), "output",
			modelDir.toAbsolutePath().toString(), "preset", preset == null ? "" : preset.trim(), "name", name == null
				? "" : name.trim(), "overwrite", Boolean.toString(overwrite)), m -> {
					if (m.is("log")) log.accept(m.get("message"));
				}, cancelled, "importing " + checkpoint, checkpoint.toString()).get("text");
	}

	/**
	 * Writes a model (folder or package) as a bioimage.io package and returns what was written, with what the
	 * format could not express.
	 */
	public static String exportPackage(final Path model, final Path output, final boolean overwrite) {
		return Worker.shared().call(Message.of("exportPackage", "model", model.toAbsolutePath().toString(), "output",
			output.toAbsolutePath().toString(), "overwrite", Boolean.toString(overwrite)), m -> {}, () -> false,
			"exporting " + model, model.toString()).get("text");
	}
}
