package org.restorej.worker;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.restorej.train.TrainingOptions;
import org.restorej.train.TrainingReport;

/**
 * Training in the {@link Worker}, for Fiji and ImageJ: only the options, the folders and the progress
 * cross the pipe, so nothing here touches TensorFlow.
 */
public final class WorkerTraining {

	/** One progress line: the step, the mean loss since the last one, the validation PSNR (NaN if not measured). */
	public record Step(long step, long steps, double loss, double validationPsnr, String text) {}

	private WorkerTraining() {}

	/**
	 * Trains on the TIFF pairs of {@code low} and {@code high} (matched by name) and writes the model
	 * folder {@code output}, whole or not at all.
	 *
	 * @param name the model's name, or empty for the folder's
	 * @throws org.restorej.engine.CancelledException if cancelled (no model folder is written)
	 */
	public static TrainingReport train(final Path low, final Path high, final Path output, final String name,
		final boolean overwrite, final TrainingOptions options, final Consumer<Step> progress,
		final Consumer<String> log, final BooleanSupplier cancelled)
	{
		return call(Message.of("train", "low", low.toAbsolutePath().toString(), "high", high.toAbsolutePath().toString(),
			"output", output.toAbsolutePath().toString(), "name", name == null ? "" : name.trim(), "overwrite", Boolean
				.toString(overwrite), "options", options.toOptions()), output, progress, log, cancelled);
	}

	/**
	 * Trains self-supervised on the noisy TIFFs of {@code noisy} ({@link org.restorej.train.SelfSupervisedTraining}),
	 * from the bundled model of the options' architecture unless they name one or {@code fromScratch}.
	 *
	 * @throws org.restorej.engine.CancelledException if cancelled (no model folder is written)
	 */
	public static TrainingReport trainOnNoisy(final Path noisy, final boolean fromScratch, final Path output,
		final String name, final boolean overwrite, final TrainingOptions options, final Consumer<Step> progress,
		final Consumer<String> log, final BooleanSupplier cancelled)
	{
		return call(Message.of("train", "noisy", noisy.toAbsolutePath().toString(), "fromScratch", Boolean.toString(
			fromScratch), "output", output.toAbsolutePath().toString(), "name", name == null ? "" : name.trim(),
			"overwrite", Boolean.toString(overwrite), "options", options.toOptions()), output, progress, log, cancelled);
	}

	private static TrainingReport call(final Message request, final Path output, final Consumer<Step> progress,
		final Consumer<String> log, final BooleanSupplier cancelled)
	{
		final Message result = Worker.shared().call(request, m -> {
			if (m.is("progress")) progress.accept(new Step(m.getLong("done"), m.getLong("total"), Double.parseDouble(m
				.get("loss")), Double.parseDouble(m.get("psnr")), m.get("text")));
			else if (m.is("log")) log.accept(m.get("message"));
		}, cancelled, "training " + output, output.getFileName().toString());
		return TrainingReport.fromMap(result.fields());
	}
}
