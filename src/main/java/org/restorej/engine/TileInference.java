package org.restorej.engine;

import java.util.List;

import org.restorej.RestoreJException;
import org.restorej.engine.normalize.Affine;
import org.restorej.engine.pixels.PlaneReader;
import org.restorej.engine.tiling.BlendAccumulator;
import org.restorej.engine.tiling.Block;
import org.restorej.engine.tiling.Canvas;
import org.restorej.engine.tiling.Span;
import org.restorej.engine.tiling.TileGrid;
import org.restorej.engine.tiling.TileSpec;
import org.restorej.runtime.NhwcArray;
import org.tensorflow.exceptions.TFResourceExhaustedException;

/**
 * Runs the network on the tiles of one plane job. A tile that exhausts the device's memory is
 * restored instead as smaller tiles (halving the side within the size rule, as often as needed)
 * covering the pixels it contributes to, blended the same way; later tiles of that size are split
 * straight away.
 */
final class TileInference {

	private final TileNetwork network;
	private final List<? extends PlaneReader<?>> readers;
	private final Affine[] forward;
	private final int outputChannels;
	private final RestoreRun run;
	private final String modelName;

	TileInference(final TileNetwork network, final List<? extends PlaneReader<?>> readers, final Affine[] forward,
		final int outputChannels, final RestoreRun run, final String modelName)
	{
		this.network = network;
		this.readers = readers;
		this.forward = forward;
		this.outputChannels = outputChannels;
		this.run = run;
		this.modelName = modelName;
	}

	/** The network's output over (at least) the pixels {@code tile} contributes to. */
	Block restore(final TileGrid.Tile tile, final Canvas canvas, final TileSpec spec) {
		final int side = Math.max(tile.inputWidth(), tile.inputHeight());
		TFResourceExhaustedException cause = null;
		if (!run.knownTooLarge(side)) {
			try {
				return infer(tile);
			}
			catch (final TFResourceExhaustedException e) {
				cause = e;
				run.tooLarge(side);
				run.options.log().info("TensorFlow ran out of memory on " + network.device() + " with a " + tile
					.inputWidth() + "x" + tile.inputHeight() + " tile of " + run.options.inputName() +
					": restoring it, and later tiles of this size, as smaller tiles.");
			}
		}
		return split(tile, canvas, spec, side, cause);
	}

	private Block split(final TileGrid.Tile tile, final Canvas canvas, final TileSpec spec, final int side,
		final TFResourceExhaustedException cause)
	{
		final int smaller = side / 2 / spec.multiple() * spec.multiple();
		final TileSpec sub = spec.withTileSize(Math.max(spec.multiple(), smaller));
		if (smaller < spec.multiple() || !sub.canStep()) throw new TileMemoryException(run.options.inputName(),
			network.device(), side, spec.halo(), cause);
		final Span xs = tile.x().weighted(), ys = tile.y().weighted();
		final TileGrid grid = TileGrid.plan(xs, ys, canvas, sub);
		run.options.log().info("Restoring a " + xs.length() + "x" + ys.length() + " region as " + grid.count() +
			" tiles of " + grid.x().inputSize() + "x" + grid.y().inputSize() + ".");
		final Block region = Block.zeros(xs.start(), ys.start(), (int) xs.length(), (int) ys.length(),
			outputChannels);
		final BlendAccumulator blend = new BlendAccumulator(grid, outputChannels);
		final BlendAccumulator.Sink into = (x, y, values, offset, length) -> System.arraycopy(values, offset, region
			.data(), region.index(x, y), length * outputChannels);
		for (int i = 0; i < grid.count(); i++) {
			run.checkpoint();
			final TileGrid.Tile t = grid.tile(i);
			blend.add(t, restore(t, canvas, sub), into);
		}
		return region;
	}

	private Block infer(final TileGrid.Tile tile) {
		final int w = tile.inputWidth(), h = tile.inputHeight(), channels = readers.size();
		final long x = tile.x().input().start(), y = tile.y().input().start();
		final float[] in = new float[w * h * channels];
		for (int c = 0; c < channels; c++)
			readers.get(c).read(x, y, w, h, in, c, channels, forward[c]);
		final NhwcArray out = network.run(new NhwcArray(1, h, w, channels, in));
		if (out.batch() != 1 || out.height() != h || out.width() != w || out.channels() != outputChannels)
			throw new RestoreJException("The model " + modelName + " returned a " + out.batch() + "x" + out.height() +
				"x" + out.width() + "x" + out.channels() + " tensor for a 1x" + h + "x" + w + "x" + channels +
				" tile; expected 1x" + h + "x" + w + "x" + outputChannels + ". The model folder is inconsistent: " +
				"re-create it with 'restorej import'.");
		return new Block(x, y, w, h, outputChannels, out.data());
	}
}
