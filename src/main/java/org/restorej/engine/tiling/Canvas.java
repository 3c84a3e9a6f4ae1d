package org.restorej.engine.tiling;

/**
 * The plane as an untiled pass sees it: the image {@code [0, width) x [0, height)} padded to the
 * network's size rule, possibly on all sides (e.g. centred on a square). Pixels of the canvas outside
 * the image are the image's mirror image.
 */
public record Canvas(Span x, Span y) {

	/** Padded at the right and bottom to multiples of {@code multiple} (Restormer's official way). */
	public static Canvas padEnd(final long width, final long height, final int multiple) {
		return new Canvas(new Span(0, roundUp(width, multiple)), new Span(0, roundUp(height, multiple)));
	}

	/** Padded at the right and bottom to a square whose side is a multiple of {@code multiple}. */
	public static Canvas padEndSquare(final long width, final long height, final int multiple) {
		final long side = roundUp(Math.max(width, height), multiple);
		return new Canvas(new Span(0, side), new Span(0, side));
	}

	/** Centred on a square whose side is a multiple of {@code multiple} (AST's official way). */
	public static Canvas centredSquare(final long width, final long height, final int multiple) {
		final long side = roundUp(Math.max(width, height), multiple);
		final long left = (side - width) / 2, top = (side - height) / 2;
		return new Canvas(new Span(-left, side - left), new Span(-top, side - top));
	}

	private static long roundUp(final long v, final int multiple) {
		return (v + multiple - 1) / multiple * multiple;
	}
}
