package org.restorej.engine.device;

import java.util.Optional;

import org.restorej.runtime.LoadedModel;

/**
 * A loaded model with the device it runs on.
 *
 * @param device where TensorFlow runs it, e.g. {@code CPU:0} or {@code GPU:0}
 * @param fallback why it is not on the requested device, if it is not
 */
public record PlacedModel(LoadedModel model, String device, Optional<String> fallback) implements AutoCloseable {

	@Override
	public void close() {
		model.close();
	}
}
