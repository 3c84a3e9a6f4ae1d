package org.restorej.engine.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AxisTilingTest {

	/** Every layout the engine may produce: weights sum to 1, halos respected, sizes and grid kept. */
	@Test
	void weightsArePartitionOfUnityAndHalosAreKept() {
		int layouts = 0;
		for (final long length : new long[] { 1, 2, 7, 37, 100, 257, 1000 })
			for (final int tile : new int[] { 16, 24, 64, 128 })
				for (final int halo : new int[] { 0, 3, 8 })
					for (final int overlap : new int[] { 0, 4, 9 })
						for (final Grid grid : List.of(Grid.ANY, new Grid(8, 0), new Grid(8, -3)))
							for (final Blending b : Blending.values()) {
								if (tile - 2 * halo - overlap < grid.step()) continue;
								final AxisTiling t = AxisTiling.cover(new Span(0, length), tile, halo, overlap, grid, b, 8);
								check(t, length, halo, overlap, grid, b);
								layouts++;
							}
		assertTrue(layouts > 1000, "layouts checked: " + layouts);
	}

	private static void check(final AxisTiling t, final long length, final int halo, final int overlap,
		final Grid grid, final Blending b)
	{
		final java.util.function.Supplier<String> what = () -> t.covered() + " tile " + t.inputSize() + " halo " +
			halo + " overlap " + overlap + " " + grid + " " + b;
		for (long p = 0; p < length; p++) {
			double sum = 0;
			for (final AxisTile tile : t.tiles()) {
				final double w = tile.weight(p);
				assertTrue(w >= 0, what);
				if (b == Blending.CROP) assertTrue(w == 0 || w == 1, () -> "crop weights are 0 or 1: " + what.get());
				sum += w;
			}
			assertEquals(1, sum, 1e-12, () -> "sum of weights in " + what.get());
		}
		for (int i = 0; i < t.tiles().size(); i++) {
			final AxisTile tile = t.tiles().get(i);
			assertEquals(0, t.inputSize() % 8, "size rule");
			assertEquals(t.inputSize(), tile.input().length());
			assertEquals(0, Math.floorMod(tile.input().start() - grid.origin(), grid.step()), () -> "on the grid: " + what.get());
			// contributions stay a halo inside the input; at the image ends the mirror gives that context
			assertTrue(tile.weighted().start() >= tile.input().start() + halo, what);
			assertTrue(tile.weighted().end() <= tile.input().end() - halo, what);
			if (i > 0) assertTrue(t.tiles().get(i - 1).weighted().end() - tile.weighted().start() >= Math.min(overlap,
				1), () -> "neighbours overlap: " + what.get());
		}
		assertEquals(0, t.tiles().get(0).weighted().start());
		assertEquals(length, t.tiles().get(t.tiles().size() - 1).weighted().end());
	}

	@Test
	void aTileLargerThanTheImageShrinksToTheSizeRule() {
		final AxisTiling t = AxisTiling.cover(new Span(0, 37), 256, 8, 4, Grid.ANY, Blending.SMOOTH, 8);
		assertEquals(1, t.tiles().size());
		// 37 pixels + 8 of mirrored context each side = 53, rounded up to 56
		assertEquals(56, t.inputSize());
		assertEquals(new Span(-8, 48), t.tiles().get(0).input());
	}

	@Test
	void fewestTilesSpreadEvenly() {
		// 1000 pixels, 128-pixel tiles, halo 16, overlap 8: starts from -16 to 888 in steps of at most 88
		final AxisTiling t = AxisTiling.cover(new Span(0, 1000), 128, 16, 8, Grid.ANY, Blending.SMOOTH, 8);
		assertEquals(12, t.tiles().size());
		long minStep = Long.MAX_VALUE, maxStep = 0;
		for (int i = 1; i < t.tiles().size(); i++) {
			final long step = t.tiles().get(i).input().start() - t.tiles().get(i - 1).input().start();
			minStep = Math.min(minStep, step);
			maxStep = Math.max(maxStep, step);
		}
		assertTrue(maxStep - minStep <= 1, "even steps " + minStep + ".." + maxStep);
	}

	@Test
	void aTileWithNoRoomBetweenItsHalosIsRefused() {
		assertThrows(IllegalArgumentException.class, () -> AxisTiling.cover(new Span(0, 1000), 64, 32, 0, Grid.ANY,
			Blending.SMOOTH, 8));
	}

	@Test
	void smoothWeightsRiseAcrossTheOverlap() {
		final AxisTiling t = AxisTiling.cover(new Span(0, 300), 128, 16, 32, Grid.ANY, Blending.SMOOTH, 8);
		final AxisTile second = t.tiles().get(1);
		final long zoneEnd = t.tiles().get(0).weighted().end();
		double previous = 0;
		for (long p = second.weighted().start(); p < zoneEnd; p++) {
			assertTrue(second.weight(p) > previous && second.weight(p) < 1, "rises strictly inside the overlap");
			previous = second.weight(p);
		}
	}
}
