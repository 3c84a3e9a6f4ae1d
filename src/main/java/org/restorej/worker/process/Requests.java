package org.restorej.worker.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.restorej.bioimageio.PackageModels;
import org.restorej.bioimageio.export.PackageWriter;
import org.restorej.engine.Axes;
import org.restorej.engine.Progress;
import org.restorej.engine.Restorer;
import org.restorej.export.CheckpointImporter;
import org.restorej.export.Preset;
import org.restorej.imagej.ImageLayout;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.model.ModelSummary;
import org.restorej.restore.OutputCompression;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.local.EngineOptions;
import org.restorej.restore.local.ModelCache;
import org.restorej.restore.local.PlanarImages;
import org.restorej.restore.local.PlaneRestoration;
import org.restorej.restore.local.StreamingRestore;
import org.restorej.restore.local.StreamingResult;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.train.SelfSupervisedTraining;
import org.restorej.train.TrainingOptions;
import org.restorej.train.TrainingRun;
import org.restorej.worker.Message;
import org.restorej.worker.PlaneFiles;

/**
 * What the worker does for each request: restore planes, stream a file, describe a model, import a
 * checkpoint, train a model.
 */
final class Requests {

	/** Progress messages at most this often (and at each stage change and the last tile). */
	private static final long PROGRESS_MILLIS = 150;

	private final Replies replies;
	private final ModelCache models;
	private final BooleanSupplier cancelled;

	Requests(final Replies replies, final ModelCache models, final BooleanSupplier cancelled) {
		this.replies = replies;
		this.models = models;
		this.cancelled = cancelled;
	}

	void handle(final Message m) {
		try {
			switch (m.type()) {
				case "restore" -> restore(m);
				case "stream" -> stream(m);
				case "describe" -> describe(m);
				case "import" -> importCheckpoint(m);
				case "exportPackage" -> exportPackage(m);
				case "train" -> train(m);
				default -> replies.send(Message.of("error", "kind", "unexpected", "exception", "UnknownRequest",
					"message", "unknown request " + m.type()));
			}
		}
		catch (final Throwable e) {
			replies.failure(e);
		}
	}

	/**
	 * Restores the planes of {@code input} (a {@link PlaneFiles} file of {@code layout}) into a new file
	 * {@code output}, mapped on both sides so that the image never passes through this JVM's heap.
	 */
	private void restore(final Message m) throws IOException {
		final RestoreSettings settings = RestoreSettings.parse(m.get("settings"));
		final ImageLayout layout = ImageLayout.parse(m.get("layout"));
		final Path output = Paths.get(m.get("output"));
		final RunMonitor monitor = new RunMonitor(progressRelay(), cancelled, replies::log, replies::warning);
		final Restorer restorer = models.restorer(Paths.get(m.get("model")), EngineOptions.execution(settings),
			replies::log);
		final ImageLayout outLayout = PlaneRestoration.outputLayout(restorer, layout, settings.outputType());
		try {
			final List<ByteBuffer> in = PlaneFiles.map(Paths.get(m.get("input")), layout, false);
			final List<ByteBuffer> out = PlaneFiles.map(output, outLayout, true);
			final Axes axes = PlaneRestoration.axes(layout);
			PlaneRestoration.restore(restorer, PlanarImages.ofBuffers(layout, axes, in), PlanarImages.ofBuffers(
				outLayout, axes, out), axes, EngineOptions.restore(settings, layout, m.get("name"), monitor));
		}
		catch (final IOException | RuntimeException | Error e) {
			// no partial result left behind as if complete
			Files.deleteIfExists(output);
			throw e;
		}
		replies.send(Message.of("result", "layout", outLayout.toString(), "device", models.device()));
	}

	/**
	 * Restores the TIFF file {@code input} into the tiled BigTIFF {@code output} region by region, file to
	 * file: the pixels never leave this process, whatever their size. A cancel or a failure leaves no
	 * output (the writer deletes its temporary file).
	 */
	private void stream(final Message m) throws IOException {
		final RunMonitor monitor = new RunMonitor(progressRelay(), cancelled, replies::log, replies::warning);
		final StreamingResult r = new StreamingRestore(models, Paths.get(m.get("model"))).restore(Paths.get(m.get(
			"input")), Paths.get(m.get("output")), RestoreSettings.parse(m.get("settings")), OutputCompression.parse(m
				.get("compression")), Boolean.parseBoolean(m.get("overwrite")), monitor);
		final Map<String, String> result = new LinkedHashMap<>(r.toMap());
		result.put("device", models.device());
		replies.send(new Message("result", result));
	}

	private void describe(final Message m) {
		final Path dir = Paths.get(m.get("model"));
		final ModelDescription d = ModelDescriptions.read(PackageModels.folder(dir));
		replies.send(Message.of("result", "name", d.name(), "text", ModelSummary.text(d, dir)));
	}

	/** A model folder as a bioimage.io package (the network runs once, for the test tensors). */
	private void exportPackage(final Message m) throws IOException {
		final PackageWriter.Result r = PackageWriter.write(PackageModels.folder(Paths.get(m.get("model"))), Paths.get(m
			.get("output")), Boolean.parseBoolean(m.get("overwrite")), ExecutionOptions.cpu());
		final StringBuilder text = new StringBuilder("Wrote " + r.output() + " (bioimage.io model '" + r.name() +
			"', format 0.5)");
		for (final String n : r.notExpressed())
			text.append("\nNot expressible in the format: ").append(n);
		replies.send(Message.of("result", "name", r.name(), "text", text.toString()));
	}

	private void importCheckpoint(final Message m) throws IOException {
		final String preset = m.get("preset");
		final ModelDescription d = CheckpointImporter.run(new CheckpointImporter.Request(Paths.get(m.get(
			"checkpoint")), Paths.get(m.get("output")), preset.isEmpty() ? null : Preset.byId(preset), null, null, m.get(
				"name").isEmpty() ? null : m.get("name"), Boolean.parseBoolean(m.get("overwrite"))), replies::log);
		replies.send(Message.of("result", "name", d.name(), "text", ModelSummary.text(d, Paths.get(m.get("output")))));
	}

	/**
	 * Trains on the pairs of the folders {@code low} and {@code high} into the model folder {@code output},
	 * with the {@link TrainingOptions} of {@code options}; each progress line goes back as a
	 * {@code progress} message of stage {@code training} with the step, the loss and the validation PSNR.
	 * No checkpoints: a cancelled run leaves nothing behind (resumable runs are the command line's).
	 */
	private void train(final Message m) throws IOException {
		final boolean noisy = m.fields().containsKey("noisy");
		final TrainingOptions given = TrainingOptions.parse(m.get("options"));
		final TrainingOptions o = noisy ? SelfSupervisedTraining.options(given, Boolean.parseBoolean(m.get(
			"fromScratch"))) : given;
		final TrainingRun.Data data = noisy ? SelfSupervisedTraining.data(Paths.get(m.get("noisy")), o) : TrainingRun
			.pairs(Paths.get(m.get("low")), Paths.get(m.get("high")), o);
		final TrainingRun.Result r = TrainingRun.run(o, data, new TrainingRun.Output(Paths.get(m.get("output")), m.get(
			"name").isEmpty() ? null : m.get("name"), Boolean.parseBoolean(m.get("overwrite"))), null, p -> replies.send(
				Message.of("progress", "stage", "training", "done", Long.toString(p.step()), "total", Long.toString(p
					.steps()), "loss", Double.toString(p.loss()), "psnr", Double.toString(p.validationPsnr()), "text", p
						.toString())), replies::log, cancelled);
		replies.send(new Message("result", r.report().toMap()));
	}

	private java.util.function.Consumer<Progress> progressRelay() {
		final long[] last = { 0 };
		final String[] stage = { "" };
		return p -> {
			final long now = System.currentTimeMillis();
			if (!p.stage().equals(stage[0]) || p.tilesDone() == p.tilesTotal() || now - last[0] >= PROGRESS_MILLIS) {
				last[0] = now;
				stage[0] = p.stage();
				replies.send(Message.of("progress", "stage", p.stage(), "done", Long.toString(p.tilesDone()), "total",
					Long.toString(p.tilesTotal()), "elapsed", Long.toString(p.elapsed().toMillis())));
			}
		};
	}
}
