package org.restorej.restore.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;

import org.restorej.engine.Axes;
import org.restorej.engine.Restorer;
import org.restorej.imagej.ImageLayout;
import org.restorej.imagej.ImagePlanes;
import org.restorej.imagej.RestoredImages;
import org.restorej.restore.ImageRestorer;
import org.restorej.restore.OutputCompression;
import org.restorej.restore.Provenance;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.StreamingMode;

/**
 * Restores ImageJ images with the engine in this JVM, reading the ImagePlus's own pixel arrays
 * directly and writing into new ones. For the command line, whose class path holds RestoreJ's
 * TensorFlow and nothing that conflicts with it.
 */
public final class LocalImageRestorer implements ImageRestorer {

	private final Path model;
	private final ModelCache models = new ModelCache();

	public LocalImageRestorer(final Path modelDir) {
		this.model = modelDir;
	}

	@Override
	public ImagePlus restore(final ImagePlus image, final RestoreSettings settings, final RunMonitor monitor) {
		final ImagePlanes in = ImagePlanes.of(image);
		final Restorer restorer = models.restorer(model, EngineOptions.execution(settings), monitor.log());
		final ImageLayout outLayout = PlaneRestoration.outputLayout(restorer, in.layout(), settings.outputType());
		final List<Object> out = new ArrayList<>(outLayout.planes());
		for (int i = 0; i < outLayout.planes(); i++)
			out.add(outLayout.kind().newArray(outLayout.planeSamples()));
		final Axes axes = PlaneRestoration.axes(in.layout());
		PlaneRestoration.restore(restorer, PlanarImages.ofArrays(in.layout(), axes, in.pixels()), PlanarImages
			.ofArrays(outLayout, axes, out), axes, EngineOptions.restore(settings, in.layout(), image.getTitle(),
				monitor));
		return RestoredImages.create(image, new ImagePlanes(outLayout, out), Provenance.note(model, settings, models
			.device()));
	}

	/**
	 * The command line's way to restore files too large to load: shares this restorer's loaded model.
	 */
	public StreamingPolicy streaming(final StreamingMode mode, final OutputCompression compression) {
		return new StreamingPolicy(new StreamingRestore(models, model), mode, compression, Runtime.getRuntime()
			.maxMemory());
	}

	@Override
	public void close() {
		models.close();
	}
}
