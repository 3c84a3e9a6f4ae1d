package org.restorej.engine.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

class AxisTilingTest {

	/**
	 * Every layout the engine may produce: weights sum to 1, halos are respected except at the canvas
	 * edges, tiles stay inside the canvas on its grid.
	 */
	@Test
	void weightsArePartitionOfUnityAndHalosAreKept() {
		int layouts = 0;
		for (final long length : new long[] { 1, 2, 7, 37, 100, 257, 1000 })
			for (final int step : new int[] { 1, 8 })
				for (final boolean centred : new boolean[] { false, true })
					for (final int tile : new int[] { 16, 24, 64, 128 })
						for (final int context : new int[] { 0, 3, 8 })
							for (final int blend : new int[] { 0, 4, 9 })
								for (final Blending b : Blending.values()) {
									if (tile - 2 * context - blend < step) continue;
									final long padded = (length + step - 1) / step * step + (centred ? 2 * step : 0);
									final long start = centred ? -(padded - length) / 2 : 0;
									final Span canvas = new Span(start, start + padded);
									final AxisTiling t = AxisTiling.cover(new Span(0, length), canvas, tile, context, blend, step, b);
									check(t, canvas, length, tile, context, blend, step, b);
									layouts++;
								}
		assertTrue(layouts > 2000, "layouts checked: " + layouts);
	}

	private static void check(final AxisTiling t, final Span canvas, final long length, final int tile,
		final int context, final int blend, final int step, final Blending b)
	{
		final Supplier<String> what = () -> "length " + length + " canvas " + canvas + " tile " + tile + " context " +
			context + " blend " + blend + " step " + step + " " + b;
		for (long p = 0; p < length; p++) {
			double sum = 0;
			for (final AxisTile a : t.tiles()) {
				final double w = a.weight(p);
				assertTrue(w >= 0, what);
				if (b == Blending.CROP) assertTrue(w == 0 || w == 1, () -> "crop weights are 0 or 1: " + what.get());
				sum += w;
			}
			assertEquals(1, sum, 1e-12, () -> "sum of weights: " + what.get());
		}
		assertEquals(Math.min(tile, canvas.length()), t.inputSize(), what);
		for (int i = 0; i < t.tiles().size(); i++) {
			final AxisTile a = t.tiles().get(i);
			assertEquals(t.inputSize(), a.input().length());
			assertTrue(a.input().start() >= canvas.start() && a.input().end() <= canvas.end(), what);
			assertEquals(0, Math.floorMod(a.input().start() - canvas.start(), step), () -> "on the grid: " + what.get());
			if (a.input().start() > canvas.start()) assertTrue(a.weighted().start() >= a.input().start() + context, what);
			if (a.input().end() < canvas.end()) assertTrue(a.weighted().end() <= a.input().end() - context, what);
			if (i > 0) assertTrue(t.tiles().get(i - 1).weighted().end() - a.weighted().start() >= Math.min(blend, 1),
				() -> "neighbours blend: " + what.get());
		}
		assertEquals(0, t.tiles().get(0).weighted().start());
		assertEquals(length, t.tiles().get(t.tiles().size() - 1).weighted().end());
	}

	@Test
	void aTileLargerThanTheCanvasIsTheUntiledPass() {
		final AxisTiling t = AxisTiling.cover(new Span(0, 37), new Span(0, 40), 256, 8, 4, 8, Blending.SMOOTH);
		assertEquals(1, t.tiles().size());
		assertEquals(new Span(0, 40), t.tiles().get(0).input());
		assertEquals(new Span(0, 37), t.tiles().get(0).weighted());
	}

	@Test
	void fewestTilesSpreadEvenly() {
		// 1000 pixels, 128-pixel tiles, context 16, blend 8: starts from 0 to 872 in steps of at most 88
		final AxisTiling t = AxisTiling.cover(new Span(0, 1000), new Span(0, 1000), 128, 16, 8, 1, Blending.SMOOTH);
		assertEquals(11, t.tiles().size());
		long minStep = Long.MAX_VALUE, maxStep = 0;
		for (int i = 1; i < t.tiles().size(); i++) {
			final long step = t.tiles().get(i).input().start() - t.tiles().get(i - 1).input().start();
			minStep = Math.min(minStep, step);
			maxStep = Math.max(maxStep, step);
		}
		assertTrue(maxStep - minStep <= 1, "even steps " + minStep + ".." + maxStep);
		assertEquals(new Span(872, 1000), t.tiles().get(10).input());
	}

	@Test
	void aTileWithNoRoomBetweenItsHalosIsRefused() {
		assertThrows(IllegalArgumentException.class, () -> AxisTiling.cover(new Span(0, 1000), new Span(0, 1000), 64,
			32, 0, 8, Blending.SMOOTH));
	}

	/** The ramp is {@code blend} wide, in the middle of the overlap; elsewhere one tile has it all. */
	@Test
	void smoothWeightsRiseAcrossTheMiddleOfTheOverlap() {
		final AxisTiling t = AxisTiling.cover(new Span(0, 300), new Span(0, 304), 128, 16, 32, 8, Blending.SMOOTH);
		final AxisTile second = t.tiles().get(1);
		final long start = second.weighted().start(), end = t.tiles().get(0).weighted().end();
		assertTrue(end - start > 32, "tiles spread evenly overlap by more than the blend");
		final long rampStart = start + (end - start - 32) / 2;
		double previous = 0;
		for (long p = start; p < end; p++) {
			final double w = second.weight(p);
			if (p < rampStart) assertEquals(0, w, "before the ramp");
			else if (p >= rampStart + 32) assertEquals(1, w, "after the ramp");
			else {
				assertTrue(w > previous && w < 1, "rises strictly inside the ramp");
				previous = w;
			}
		}
	}
}
