package org.restorej.engine;

import org.restorej.array.NhwcArray;
import org.restorej.runtime.LoadedModel;

/**
 * The network call the engine makes for each tile: a batch of NHWC float tiles in, the restored
 * tiles out, same height and width. A loaded model is the usual implementation; tests put failing or
 * counting ones in its place.
 */
@FunctionalInterface
public interface TileNetwork {

	/**
	 * @throws org.tensorflow.exceptions.TFResourceExhaustedException when the device runs out of memory:
	 *           the engine then retries the tile as smaller tiles
	 */
	NhwcArray run(NhwcArray tiles);

	/** The device the network runs on, for the log. */
	default String device() {
		return "the default device";
	}

	/** A loaded model's session, running on {@code device} (as reported by the loader). */
	static TileNetwork of(final LoadedModel model, final String device) {
		return new TileNetwork() {
			@Override
			public NhwcArray run(final NhwcArray tiles) {
				return model.run(tiles);
			}

			@Override
			public String device() {
				return device;
			}
		};
	}
}
