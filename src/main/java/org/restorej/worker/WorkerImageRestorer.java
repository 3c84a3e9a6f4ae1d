package org.restorej.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import ij.ImagePlus;

import org.restorej.engine.Progress;
import org.restorej.imagej.ImageLayout;
import org.restorej.imagej.ImagePlanes;
import org.restorej.imagej.RestoredImages;
import org.restorej.io.PartialFiles;
import org.restorej.restore.ImageRestorer;
import org.restorej.restore.Provenance;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;

/**
 * Restores ImageJ images in the {@link Worker}: the planes go to it through a temporary file, which it
 * maps, and come back through another; only messages cross the pipe. Nothing here touches TensorFlow
 * or ImgLib2, so it runs on Fiji's class path whatever TensorFlow that carries.
 */
public final class WorkerImageRestorer implements ImageRestorer {

	private final Path model;
	private final Worker worker;

	public WorkerImageRestorer(final Path modelDir) {
		this(modelDir, Worker.shared());
	}

	WorkerImageRestorer(final Path modelDir, final Worker worker) {
		this.model = modelDir.toAbsolutePath().normalize();
		this.worker = worker;
	}

	@Override
	public ImagePlus restore(final ImagePlus image, final RestoreSettings settings, final RunMonitor monitor) {
		final ImagePlanes in = ImagePlanes.of(image);
		Path input = null, output = null;
		try {
			input = Files.createTempFile(INPUT_PREFIX + PartialFiles.owner(), PLANES);
			output = input.resolveSibling(input.getFileName().toString().replace(INPUT_PREFIX, OUTPUT_PREFIX));
			// raw pixels: deleted below, or at exit if Fiji quits meanwhile, or by the next Fiji after a kill
			PartialFiles.writing(input);
			PartialFiles.writing(output);
			Files.deleteIfExists(output);
			PlaneFiles.write(input, in);
			final Message result = worker.call(Message.of("restore", "model", model.toString(), "settings", settings
				.toOptions(), "input", input.toString(), "layout", in.layout().toString(), "output", output.toString(),
				"name", image.getTitle()), m -> relay(m, monitor), monitor.cancelled(), "restoring " + image.getTitle(),
				image.getTitle());
			final ImagePlanes restored = PlaneFiles.read(output, ImageLayout.parse(result.get("layout")));
			return RestoredImages.create(image, restored, Provenance.note(model, settings, result.get("device")));
		}
		catch (final IOException e) {
			throw new WorkerException("Could not pass " + image.getTitle() + " to RestoreJ's worker through " +
				"temporary files (" + e.getMessage() + "): check the free space in " + System.getProperty(
					"java.io.tmpdir"), e);
		}
		finally {
			delete(input);
			delete(output);
			if (input != null) PartialFiles.done(input);
			if (output != null) PartialFiles.done(output);
		}
	}

	static final String INPUT_PREFIX = "restorej-in-", OUTPUT_PREFIX = "restorej-out-", PLANES = ".planes";

	/** The worker keeps the model until it is idle: a next image, or the next command, reuses it. */
	@Override
	public void close() {}

	static void relay(final Message m, final RunMonitor monitor) {
		if (m.is("progress")) monitor.progress().accept(new Progress(m.get("stage"), m.getLong("done"), m.getLong(
			"total"), Duration.ofMillis(m.getLong("elapsed"))));
		else if (m.is("log")) monitor.log().accept(m.get("message"));
		else if (m.is("warning")) monitor.warning().accept(m.get("message"));
	}

	private static void delete(final Path p) {
		try {
			if (p != null) Files.deleteIfExists(p);
		}
		catch (final IOException e) {
			p.toFile().deleteOnExit();
		}
	}
}
