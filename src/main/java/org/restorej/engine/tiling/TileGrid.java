package org.restorej.engine.tiling;

/**
 * The tiles covering a rectangle of a plane, the product of one tiling per axis, visited in raster
 * order (rows of tiles top to bottom, each left to right).
 */
public record TileGrid(AxisTiling x, AxisTiling y, Canvas canvas) {

	/** One tile: its place in the grid and its extent along each axis. */
	public record Tile(int index, int column, int row, AxisTile x, AxisTile y) {

		public int inputWidth() {
			return (int) x.input().length();
		}

		public int inputHeight() {
			return (int) y.input().length();
		}

		/** Blending weight at an image position (zero outside the pixels the tile contributes to). */
		public double weight(final long px, final long py) {
			return x.weight(px) * y.weight(py);
		}
	}

	/** Tiles covering a whole {@code width x height} image on {@code canvas}. */
	public static TileGrid plan(final long width, final long height, final Canvas canvas, final TileSpec spec) {
		return plan(new Span(0, width), new Span(0, height), canvas, spec);
	}

	/**
	 * Tiles covering the rectangle {@code xs x ys}; context outside it is read from the rest of the
	 * canvas.
	 */
	public static TileGrid plan(final Span xs, final Span ys, final Canvas canvas, final TileSpec spec) {
		return new TileGrid(AxisTiling.cover(xs, canvas.x(), spec.tileSize(), spec.context(), spec.blend(), spec
			.multiple(), spec.blending()), AxisTiling.cover(ys, canvas.y(), spec.tileSize(), spec.context(), spec
				.blend(), spec.multiple(), spec.blending()), canvas);
	}

	public int columns() {
		return x.tiles().size();
	}

	public int rows() {
		return y.tiles().size();
	}

	public int count() {
		return columns() * rows();
	}

	public Tile tile(final int index) {
		final int column = index % columns(), row = index / columns();
		return new Tile(index, column, row, x.tiles().get(column), y.tiles().get(row));
	}

	/** Pixels (summed over tiles) the network reads, relative to the pixels covered: the tiling's cost. */
	public double readFactor() {
		return (double) x.inputSize() * columns() * y.inputSize() * rows() /
			(x.covered().length() * (double) y.covered().length());
	}
}
