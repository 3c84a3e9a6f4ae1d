package org.restorej.engine.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlendAccumulatorTest {

	private static float truth(final long x, final long y, final int c) {
		return (float) Math.sin(0.1 * x + 0.37 * y + c);
	}

	/**
	 * Tiles that all agree with one image give back that image, each pixel written exactly once, and
	 * never before every tile covering it has been added.
	 */
	@Test
	void agreeingTilesReproduceTheImageWritingEachPixelOnce() {
		for (final Blending blending : Blending.values()) {
			final int width = 203, height = 150, channels = 2;
			final TileGrid grid = TileGrid.plan(width, height, Canvas.centredSquare(width, height, 8), new TileSpec(48,
				6, 5, 8, blending));
			assertTrue(grid.count() > 9);
			final float[] out = new float[width * height * channels];
			final int[] writes = new int[width * height];
			final int[] lastTile = new int[width * height];
			final int[] current = { 0 };
			final BlendAccumulator acc = new BlendAccumulator(grid, channels);
			for (int i = 0; i < grid.count(); i++) {
				final TileGrid.Tile t = grid.tile(i);
				current[0] = i;
				for (long y = t.y().weighted().start(); y < t.y().weighted().end(); y++)
					for (long x = t.x().weighted().start(); x < t.x().weighted().end(); x++)
						lastTile[(int) (y * width + x)] = i;
				final Block b = Block.zeros(t.x().input().start(), t.y().input().start(), t.inputWidth(), t
					.inputHeight(), channels);
				for (long y = b.y(); y < b.y() + b.height(); y++)
					for (long x = b.x(); x < b.x() + b.width(); x++)
						for (int c = 0; c < channels; c++)
							b.data()[b.index(x, y) + c] = truth(x, y, c);
				acc.add(t, b, (x, y, values, offset, length) -> {
					for (int k = 0; k < length; k++) {
						final int p = (int) (y * width + x + k);
						writes[p]++;
						assertTrue(lastTile[p] <= current[0], "written before its last tile");
						for (int c = 0; c < channels; c++)
							out[p * channels + c] = values[offset + k * channels + c];
					}
				});
			}
			for (int y = 0; y < height; y++)
				for (int x = 0; x < width; x++) {
					assertEquals(1, writes[y * width + x], "writes of " + x + "," + y);
					for (int c = 0; c < channels; c++)
						assertEquals(truth(x, y, c), out[(y * width + x) * channels + c], 2e-6, blending + " at " + x + "," +
							y);
				}
		}
	}

}
