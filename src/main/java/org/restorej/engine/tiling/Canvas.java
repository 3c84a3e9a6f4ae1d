package org.restorej.engine.tiling;

/**
 * The plane as an untiled pass sees it: the image {@code [0, width) x [0, height)} padded to the
 * network's size rule, possibly on all sides (e.g. centred on a square), and what fills the padding.
 * The one description of the padded plane: the engine's tiles read it, and the runtime's official
 * untiled pass ({@code OfficialSizeHandling}) builds its network input from it.
 */
public record Canvas(Span x, Span y, Fill fill) {

	/** What the canvas holds outside the image. */
	public enum Fill {
		/** The image's mirror image, the edge pixel not repeated ({@code numpy.pad(mode='reflect')}). */
		MIRROR,
		/** Zeros in the network's input space (after normalisation), as AST's official expand2square. */
		ZERO;

		/** The image index along an axis of {@code size} pixels that position {@code p} shows; -1 for a zero. */
		public long source(final long p, final long size) {
			if (p >= 0 && p < size) return p;
			if (this == ZERO) return -1;
			if (size == 1) return 0;
			final long period = 2 * (size - 1), m = Math.floorMod(p, period);
			return m < size ? m : period - m;
		}

		/** {@link #source} of positions {@code start .. start+count-1}. */
		public int[] sources(final long start, final int count, final long size) {
			final int[] s = new int[count];
			for (int i = 0; i < count; i++)
				s[i] = (int) source(start + i, size);
			return s;
		}
	}

	public Canvas {
		if (fill == null) throw new IllegalArgumentException("a canvas needs a fill");
	}

	/** Padded at the right and bottom to multiples of {@code multiple} by mirroring (Restormer's official way). */
	public static Canvas padEnd(final long width, final long height, final int multiple) {
		return new Canvas(new Span(0, roundUp(width, multiple)), new Span(0, roundUp(height, multiple)), Fill.MIRROR);
	}

	/** Padded at the right and bottom to a square whose side is a multiple of {@code multiple}, by mirroring. */
	public static Canvas padEndSquare(final long width, final long height, final int multiple) {
		final long side = roundUp(Math.max(width, height), multiple);
		return new Canvas(new Span(0, side), new Span(0, side), Fill.MIRROR);
	}

	/** Centred on a zero square whose side is a multiple of {@code multiple} (AST's official way). */
	public static Canvas centredSquare(final long width, final long height, final int multiple) {
		final long side = roundUp(Math.max(width, height), multiple);
		final long left = (side - width) / 2, top = (side - height) / 2;
		return new Canvas(new Span(-left, side - left), new Span(-top, side - top), Fill.ZERO);
	}

	/** The same canvas filled otherwise. */
	public Canvas withFill(final Fill f) {
		return new Canvas(x, y, f);
	}

	/** Whether the canvas is the {@code width x height} image itself (nothing to pad). */
	public boolean isImage(final long width, final long height) {
		return x.start() == 0 && y.start() == 0 && x.end() == width && y.end() == height;
	}

	private static long roundUp(final long v, final int multiple) {
		return (v + multiple - 1) / multiple * multiple;
	}
}
