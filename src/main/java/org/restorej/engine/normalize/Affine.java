package org.restorej.engine.normalize;

/**
 * {@code v -> v * scale + offset}: how raw intensities become network intensities, and back through
 * {@link #inverse()}.
 */
public record Affine(double scale, double offset) {

	public static final Affine IDENTITY = new Affine(1, 0);

	public Affine {
		if (!(Double.isFinite(scale) && Double.isFinite(offset)) || scale == 0)
			throw new IllegalArgumentException("not an invertible affine map: scale " + scale + ", offset " + offset);
	}

	/** The map taking {@code from[0]} to {@code to[0]} and {@code from[1]} to {@code to[1]}. */
	public static Affine mapping(final double fromLow, final double fromHigh, final double toLow,
		final double toHigh)
	{
		final double scale = (toHigh - toLow) / (fromHigh - fromLow);
		return new Affine(scale, toLow - fromLow * scale);
	}

	public double apply(final double v) {
		return v * scale + offset;
	}

	public Affine inverse() {
		return new Affine(1 / scale, -offset / scale);
	}

	public boolean isIdentity() {
		return scale == 1 && offset == 0;
	}
}
