package org.restorej.engine.tiling;

/**
 * Sums tile outputs times their blending weights and hands on every pixel as soon as no later tile
 * (in raster order) contributes to it. Only a band of rows as tall as one tile and as wide as the
 * covered rectangle is held: memory does not grow with the image height, and nothing the size of the
 * image is kept beside the caller's output.
 */
public final class BlendAccumulator {

	/** Receives finished pixels: {@code length} pixels of a row, channels interleaved. */
	@FunctionalInterface
	public interface Sink {
		void write(long x, long y, float[] values, int offset, int length);
	}

	private final TileGrid grid;
	private final int channels;
	private final long x0, y0;
	private final float[][] ring;

	public BlendAccumulator(final TileGrid grid, final int channels) {
		this.grid = grid;
		this.channels = channels;
		this.x0 = grid.x().covered().start();
		this.y0 = grid.y().covered().start();
		final long rowLength = grid.x().covered().length() * channels;
		if (rowLength > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("rows of " + rowLength +
			" values are too long");
		ring = new float[grid.y().maxWeightedLength()][(int) rowLength];
	}

	/**
	 * Adds one tile's output (a block covering at least the pixels it contributes to), then writes the
	 * pixels this tile completes to {@code sink}. Tiles must come in raster order.
	 */
	public void add(final TileGrid.Tile tile, final Block output, final Sink sink) {
		final Span ys = tile.y().weighted();
		final double[] wy = tile.y().weights();
		for (long y = ys.start(); y < ys.end(); y++)
			addRow(tile, wy[(int) (y - ys.start())], output, y, row(y), x0, channels);
		final long fx0 = tile.column() == 0 ? x0 : grid.x().finalBefore(tile.column() - 1);
		final long fx1 = grid.x().finalBefore(tile.column());
		final long fy0 = tile.row() == 0 ? y0 : grid.y().finalBefore(tile.row() - 1);
		final long fy1 = grid.y().finalBefore(tile.row());
		final int offset = (int) ((fx0 - x0) * channels), length = (int) ((fx1 - fx0) * channels);
		for (long y = fy0; y < fy1; y++) {
			final float[] row = row(y);
			sink.write(fx0, y, row, offset, (int) (fx1 - fx0));
			java.util.Arrays.fill(row, offset, offset + length, 0f);
		}
	}

	/**
	 * Adds row {@code y} of a tile's output, times its weights ({@code wRow} the row's), into {@code row}
	 * whose first value is pixel {@code rowX0}: the one blending arithmetic, which {@link RegionBlend}
	 * shares so that a region comes out bit for bit as the whole image does.
	 */
	static void addRow(final TileGrid.Tile tile, final double wRow, final Block output, final long y,
		final float[] row, final long rowX0, final int channels)
	{
		final Span xs = tile.x().weighted();
		final double[] wx = tile.x().weights();
		final float[] data = output.data();
		int src = output.index(xs.start(), y);
		int dst = (int) ((xs.start() - rowX0) * channels);
		for (int i = 0; i < xs.length(); i++) {
			final double w = wRow * wx[i];
			if (w == 1) for (int c = 0; c < channels; c++)
				// most pixels of a tile belong to it alone: no blending arithmetic
				row[dst++] += data[src++];
			else {
				final float wf = (float) w;
				for (int c = 0; c < channels; c++)
					row[dst++] += wf * data[src++];
			}
		}
	}

	private float[] row(final long y) {
		return ring[(int) ((y - y0) % ring.length)];
	}
}
