package org.restorej.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;
import org.restorej.array.NhwcArray;
import org.restorej.bench.Patterns;
import org.restorej.engine.normalize.Normalization;
import org.restorej.runtime.LoadedModel;
import org.tensorflow.exceptions.TFResourceExhaustedException;

/** A device that runs out of memory on large tiles: the engine splits them and the result is right. */
class OutOfMemoryTest {

	/** The real network, failing as TensorFlow does on tiles with a side above {@code limit}. */
	private static TileNetwork failingAbove(final LoadedModel model, final int limit, final List<Integer> sides) {
		final TileNetwork real = TileNetwork.of(model, "GPU:0 (simulated)");
		return new TileNetwork() {
			@Override
			public NhwcArray run(final NhwcArray tiles) {
				final int side = Math.max(tiles.height(), tiles.width());
				sides.add(side);
				if (side > limit) throw new TFResourceExhaustedException("OOM when allocating tensor with shape[1," +
					tiles.height() + "," + tiles.width() + ",8]");
				return real.run(tiles);
			}

			@Override
			public String device() {
				return real.device();
			}
		};
	}

	@Test
	void tilesThatExhaustMemoryAreRestoredAsSmallerTilesWithTheSameResult() {
		final LoadedModel model = TestModels.conv(TestModels.GREY);
		final ArrayImg<FloatType, FloatArray> img = Patterns.floats(150, 110, 1, 4);
		final NhwcArray untiled = Untiled.run(model, img);
		final List<String> log = new ArrayList<>();
		final List<Integer> sides = new ArrayList<>();
		final RestoreOptions o = RestoreOptions.defaults().withNormalization(Normalization.none()).withTileSize(64)
			.withHalo(12).withBlend(4).withLog(log::add);
		final Img<FloatType> out = Restorer.of(model).withNetwork(failingAbove(model, 32, sides)).restoreAsFloat(img,
			Axes.xy(), o);
		double max = 0;
		final var ra = out.randomAccess();
		for (int y = 0; y < 110; y++)
			for (int x = 0; x < 150; x++)
				max = Math.max(max, Math.abs(ra.setPositionAndGet(x, y).get() - untiled.get(0, y, x, 0)));
		assertTrue(max <= 1e-5, "split tiles blend to the untiled result: " + max);
		assertEquals(1, sides.stream().filter(s -> s == 64).count(), "one 64-pixel tile fails; later ones split at once");
		assertTrue(sides.stream().anyMatch(s -> s == 32));
		assertTrue(log.stream().anyMatch(m -> m.contains("ran out of memory on GPU:0 (simulated)") && m.contains(
			"smaller tiles")), String.join("\n", log));
	}

	@Test
	void aBatchThatExhaustsMemoryRunsTileByTile() {
		final LoadedModel model = TestModels.conv(TestModels.GREY);
		final ArrayImg<FloatType, FloatArray> img = Patterns.floats(150, 110, 1, 4);
		final NhwcArray untiled = Untiled.run(model, img);
		final TileNetwork real = TileNetwork.of(model, "CPU:0");
		final List<Integer> batches = new ArrayList<>();
		final List<String> log = new ArrayList<>();
		final TileNetwork onlySingles = tiles -> {
			batches.add(tiles.batch());
			if (tiles.batch() > 1) throw new TFResourceExhaustedException("OOM");
			return real.run(tiles);
		};
		final Img<FloatType> out = Restorer.of(model).withNetwork(onlySingles).restoreAsFloat(img, Axes.xy(),
			RestoreOptions.defaults().withNormalization(Normalization.none()).withTileSize(64).withHalo(12).withBlend(4)
				.withBatch(4).withLog(log::add));
		double max = 0;
		final var ra = out.randomAccess();
		for (int y = 0; y < 110; y++)
			for (int x = 0; x < 150; x++)
				max = Math.max(max, Math.abs(ra.setPositionAndGet(x, y).get() - untiled.get(0, y, x, 0)));
		assertTrue(max <= 1e-5, "" + max);
		assertEquals(1, batches.stream().filter(b -> b > 1).count(), "one batch fails, later ones go tile by tile");
		assertTrue(log.stream().anyMatch(m -> m.contains("batch of 4 tiles")), String.join("\n", log));
	}

	@Test
	void whenEvenTheSmallestTileFailsTheMessageSaysWhatToDo() {
		final LoadedModel model = TestModels.conv(TestModels.GREY);
		final AtomicInteger calls = new AtomicInteger();
		final TileNetwork alwaysOom = tiles -> {
			calls.incrementAndGet();
			throw new TFResourceExhaustedException("OOM");
		};
		final TileMemoryException e = assertThrows(TileMemoryException.class, () -> Restorer.of(model).withNetwork(
			alwaysOom).restoreAsFloat(Patterns.floats(100, 100, 1, 5), Axes.xy(), RestoreOptions.defaults().withTileSize(
				64).withHalo(20).withBlend(4).named("big.tif").withLog(m -> {})));
		assertTrue(e.getMessage().contains("big.tif") && e.getMessage().contains("device cpu"), e.getMessage());
		assertTrue(calls.get() >= 2, "tried a smaller tile before giving up");
	}
}
