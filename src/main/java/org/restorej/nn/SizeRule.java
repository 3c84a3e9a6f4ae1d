package org.restorej.nn;

/**
 * Which spatial sizes a network accepts: both sides a multiple of {@code multiple}, and equal when
 * {@code square} is set.
 */
public record SizeRule(int multiple, boolean square) {

	public SizeRule {
		if (multiple < 1) throw new IllegalArgumentException("multiple must be >= 1: " + multiple);
	}

	public boolean accepts(final long height, final long width) {
		return height > 0 && width > 0 && height % multiple == 0 && width % multiple == 0 &&
			(!square || height == width);
	}

	/** Smallest accepted side that is at least {@code side}. */
	public long roundUp(final long side) {
		return (side + multiple - 1) / multiple * multiple;
	}

	@Override
	public String toString() {
		return (square ? "square, " : "") + "multiple of " + multiple;
	}
}
