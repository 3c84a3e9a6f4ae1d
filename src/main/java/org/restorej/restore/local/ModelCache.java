package org.restorej.restore.local;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.restorej.bioimageio.PackageModels;
import org.restorej.engine.Restorer;
import org.restorej.engine.TileNetwork;
import org.restorej.engine.device.ModelLoader;
import org.restorej.engine.device.PlacedModel;
import org.restorej.runtime.ExecutionOptions;

/**
 * The one model this JVM keeps loaded: a folder of images, or a run of macro calls, loads it once. A
 * request for another model (or another device or thread count) closes it and loads the new one, so
 * that at most one set of weights holds memory.
 */
public final class ModelCache implements AutoCloseable {

	private record Key(Path model, ExecutionOptions execution) {}

	private final UnaryOperator<TileNetwork> network;
	private Key key;
	private PlacedModel model;

	public ModelCache() {
		this(UnaryOperator.identity());
	}

	/** With every network call going through {@code network} (the end-to-end benchmark times them). */
	public ModelCache(final UnaryOperator<TileNetwork> network) {
		this.network = network;
	}

	/** A restorer for {@code modelDir} run with {@code execution}, loading it unless it is loaded. */
	public synchronized Restorer restorer(final Path modelDir, final ExecutionOptions execution,
		final Consumer<String> log)
	{
		final Key wanted = new Key(modelDir.toAbsolutePath().normalize(), execution);
		if (!wanted.equals(key)) {
			close();
			model = ModelLoader.load(PackageModels.folder(wanted.model()), execution, log::accept);
			key = wanted;
		}
		return Restorer.of(model).withNetwork(network.apply(TileNetwork.of(model.model(), model.device())));
	}

	/** The device the loaded model runs on, e.g. {@code CPU:0}; empty before the first load. */
	public synchronized String device() {
		return model == null ? "" : model.device();
	}

	@Override
	public synchronized void close() {
		if (model != null) model.close();
		model = null;
		key = null;
	}
}
