package org.restorej.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.restorej.RestoreJException;
import org.restorej.array.NhwcArray;
import org.restorej.engine.normalize.Affine;
import org.restorej.engine.pixels.PlaneReader;
import org.restorej.engine.tiling.BlendAccumulator;
import org.restorej.engine.tiling.Block;
import org.restorej.engine.tiling.Canvas;
import org.restorej.engine.tiling.Span;
import org.restorej.engine.tiling.TileGrid;
import org.restorej.engine.tiling.TileSpec;
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

	/**
	 * The network's outputs over (at least) the pixels each of {@code tiles} contributes to: tiles of
	 * one grid, so all the same size, run as one batch. A batch that exhausts the device's memory is
	 * run one tile at a time (and so are all later batches).
	 */
	List<Block> restore(final List<TileGrid.Tile> tiles, final Canvas canvas, final TileSpec spec) {
		if (tiles.size() > 1 && !run.batchTooLarge(tiles.size())) {
			try {
				return infer(tiles);
			}
			catch (final TFResourceExhaustedException e) {
				run.tooLargeBatch();
				run.options.log().info("TensorFlow ran out of memory on " + network.device() + " with a batch of " + tiles
					.size() + " tiles of " + run.options.inputName() + ": running tiles one at a time.");
			}
		}
		final List<Block> out = new ArrayList<>();
		for (final TileGrid.Tile t : tiles)
			out.add(restore(t, canvas, spec));
		return out;
	}

	/** The network's output over (at least) the pixels {@code tile} contributes to. */
	Block restore(final TileGrid.Tile tile, final Canvas canvas, final TileSpec spec) {
		final int side = Math.max(tile.inputWidth(), tile.inputHeight());
		TFResourceExhaustedException cause = null;
		if (!run.knownTooLarge(side)) {
			try {
				return infer(List.of(tile)).get(0);
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

	/** One network call on tiles of equal size. */
	private List<Block> infer(final List<TileGrid.Tile> tiles) {
		final TileGrid.Tile first = tiles.get(0);
		final int n = tiles.size(), w = first.inputWidth(), h = first.inputHeight(), channels = readers.size();
		final int size = w * h * channels;
		final float[] in = new float[n * size];
		for (int i = 0; i < n; i++) {
			final TileGrid.Tile t = tiles.get(i);
			for (int c = 0; c < channels; c++)
				readers.get(c).read(t.x().input().start(), t.y().input().start(), w, h, in, i * size + c, channels,
					forward[c]);
		}
		final NhwcArray out = network.run(new NhwcArray(n, h, w, channels, in));
		if (out.batch() != n || out.height() != h || out.width() != w || out.channels() != outputChannels)
			throw new RestoreJException("The model " + modelName + " returned a " + out.batch() + "x" + out.height() +
				"x" + out.width() + "x" + out.channels() + " tensor for " + n + "x" + h + "x" + w + "x" + channels +
				" tiles; expected " + n + "x" + h + "x" + w + "x" + outputChannels + ". The model folder is " +
				"inconsistent: re-create it with 'restorej import'.");
		final int outSize = w * h * outputChannels;
		final List<Block> blocks = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			final TileGrid.Tile t = tiles.get(i);
			run.outputs.tile(in, i * size, (i + 1) * size, out.data(), i * outSize, (i + 1) * outSize);
			blocks.add(new Block(t.x().input().start(), t.y().input().start(), w, h, outputChannels, n == 1 ? out.data()
				: Arrays.copyOfRange(out.data(), i * outSize, (i + 1) * outSize)));
		}
		return blocks;
	}
}
