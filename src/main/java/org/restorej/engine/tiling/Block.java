package org.restorej.engine.tiling;

/**
 * A rectangle of multi-channel float pixels at a place in a plane: {@code data[(y * width + x) *
 * channels + c]} holds the pixel at {@code (this.x + x, this.y + y)}. Tiles travel to and from the
 * network in this layout (NHWC with batch 1).
 */
public record Block(long x, long y, int width, int height, int channels, float[] data) {

	public Block {
		if ((long) width * height * channels != data.length) throw new IllegalArgumentException("a " + width +
			"x" + height + "x" + channels + " block does not hold " + data.length + " values");
	}

	public static Block zeros(final long x, final long y, final int width, final int height, final int channels) {
		return new Block(x, y, width, height, channels, new float[width * height * channels]);
	}

	/** Index of channel 0 of the pixel at plane position {@code (px, py)}. */
	public int index(final long px, final long py) {
		return (int) (((py - y) * width + (px - x)) * channels);
	}
}
