package org.restorej.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;
import org.restorej.bench.Patterns;
import org.restorej.engine.normalize.Normalization;

class ProgressAndCancelTest {

	private static final RestoreOptions OPTIONS = RestoreOptions.defaults().withNormalization(Normalization.none())
		.withTileSize(32).withHalo(12).withBlend(4).withLog(m -> {});

	/** The test network, counting its calls. */
	private static Restorer counting(final AtomicInteger calls) {
		final Restorer r = Restorer.of(TestModels.conv(TestModels.GREY));
		final TileNetwork net = TileNetwork.of(TestModels.conv(TestModels.GREY), "CPU:0");
		return r.withNetwork(tiles -> {
			calls.incrementAndGet();
			return net.run(tiles);
		});
	}

	@Test
	void progressCountsEveryTileOfEveryPlaneAndEstimatesTheRest() {
		final ArrayImg<FloatType, FloatArray> stack = Patterns.floats(70, 50, 2, 1);
		final List<Progress> seen = new ArrayList<>();
		final Restorer r = Restorer.of(TestModels.conv(TestModels.GREY));
		r.restoreAsFloat(stack, Axes.of("XYZ"), OPTIONS.withProgress(seen::add));
		final long perPlane = r.plan(70, 50, OPTIONS).count();
		final List<Progress> tiles = seen.stream().filter(p -> p.stage().equals(Progress.RESTORING) && p.tilesDone() > 0)
			.toList();
		assertEquals(2 * perPlane, tiles.size());
		for (int i = 0; i < tiles.size(); i++) {
			assertEquals(i + 1, tiles.get(i).tilesDone());
			assertEquals(2 * perPlane, tiles.get(i).tilesTotal());
			assertTrue(tiles.get(i).remaining().isPresent());
		}
		assertEquals(1.0, tiles.get(tiles.size() - 1).fraction());
		assertEquals(0, tiles.get(tiles.size() - 1).remaining().orElseThrow().toNanos());
		assertTrue(seen.get(0).remaining().isEmpty(), "no estimate before the first tile");
	}

	/**
	 * A cancel takes effect before the next tile: no network call follows it, the input is unchanged,
	 * and no image is handed back.
	 */
	@Test
	void cancelStopsBeforeTheNextTileAndLeavesTheInputUntouched() {
		final ArrayImg<FloatType, FloatArray> img = Patterns.floats(90, 70, 1, 2);
		final float[] before = img.update(null).getCurrentStorageArray().clone();
		final AtomicInteger calls = new AtomicInteger();
		final AtomicBoolean cancel = new AtomicBoolean();
		final RestoreOptions o = OPTIONS.withCancel(cancel::get).withProgress(p -> {
			if (p.tilesDone() == 3) cancel.set(true);
		}).named("cells.tif");
		final CancelledException e = assertThrows(CancelledException.class, () -> counting(calls).restoreAsFloat(img,
			Axes.xy(), o));
		assertEquals(3, calls.get(), "no tile after the cancel");
		assertEquals(3, e.tilesDone());
		assertTrue(e.tilesTotal() > 3);
		assertTrue(e.getMessage().contains("cells.tif") && e.getMessage().contains("discard"), e.getMessage());
		assertArrayEquals(before, img.update(null).getCurrentStorageArray());
	}

	@Test
	void aFailureWritingTheOutputStopsTheRestorationWithThatFailure() {
		// pixels are written on an output thread while the network runs the next tiles: its failure must
		// still reach the caller, and stop the work
		final AtomicInteger calls = new AtomicInteger();
		final IllegalStateException diskFull = new IllegalStateException("no space left on the output's disk");
		final RestoreOptions o = OPTIONS.withRowsFinished((z, t, yEnd) -> {
			throw diskFull;
		});
		final IllegalStateException e = assertThrows(IllegalStateException.class, () -> counting(calls).restoreAsFloat(
			Patterns.floats(90, 70, 1, 2), Axes.xy(), o));
		assertEquals(diskFull, e);
		final var grid = counting(new AtomicInteger()).plan(90, 70, OPTIONS);
		assertTrue(calls.get() <= grid.columns() + 1, "at most one tile after the first row finished: " + calls.get());
		assertTrue(calls.get() < grid.count());
	}

	@Test
	void cancelWhileScanningForPercentilesRunsNoTile() {
		final AtomicInteger calls = new AtomicInteger();
		assertThrows(CancelledException.class, () -> counting(calls).restoreAsFloat(Patterns.floats(64, 64, 1, 3), Axes
			.xy(), OPTIONS.withNormalization(Normalization.percentile(1, 99)).withCancel(() -> true)));
		assertEquals(0, calls.get());
	}

	@Test
	void anInterruptedThreadCancelsToo() {
		final AtomicInteger calls = new AtomicInteger();
		Thread.currentThread().interrupt();
		try {
			assertThrows(CancelledException.class, () -> counting(calls).restoreAsFloat(Patterns.floats(64, 64, 1, 3),
				Axes.xy(), OPTIONS));
		}
		finally {
			Thread.interrupted();
		}
		assertEquals(0, calls.get());
	}
}
