package org.restorej.engine;

import net.imglib2.Dimensions;

/**
 * Which dimension of an image holds which axis, since plain ImgLib2 images carry no axis metadata.
 * X and Y are required; channel, Z and time are optional ({@link #ABSENT}). Every dimension of the
 * image must be one of them.
 */
public record Axes(int x, int y, int channel, int z, int time) {

	public static final int ABSENT = -1;

	public Axes {
		final int[] all = { x, y, channel, z, time };
		if (x < 0 || y < 0) throw new IllegalArgumentException("X and Y are required: " + this);
		for (int i = 0; i < all.length; i++)
			for (int j = i + 1; j < all.length; j++)
				if (all[i] >= 0 && all[i] == all[j]) throw new IllegalArgumentException(
					"two axes on dimension " + all[i] + ": " + this);
	}

	/**
	 * From the axis letters in dimension order, e.g. {@code "XY"}, {@code "XYC"}, {@code "XYCZT"}
	 * (ImageJ's order), {@code "YX"}.
	 */
	public static Axes of(final String letters) {
		final String s = letters.toUpperCase();
		final int x = s.indexOf('X'), y = s.indexOf('Y'), c = s.indexOf('C'), z = s.indexOf('Z'), t = s.indexOf('T');
		final int named = (x >= 0 ? 1 : 0) + (y >= 0 ? 1 : 0) + (c >= 0 ? 1 : 0) + (z >= 0 ? 1 : 0) + (t >= 0 ? 1 : 0);
		if (named != s.length()) throw new IllegalArgumentException("axes are letters X, Y, C, Z, T, each at most once: " +
			letters);
		return new Axes(x, y, c, z, t);
	}

	public static Axes xy() {
		return of("XY");
	}

	public int numDimensions() {
		return 2 + (channel >= 0 ? 1 : 0) + (z >= 0 ? 1 : 0) + (time >= 0 ? 1 : 0);
	}

	public boolean hasChannels() {
		return channel >= 0;
	}

	/** Whether dimension {@code d} is X or Y. */
	public boolean isSpatial(final int d) {
		return d == x || d == y;
	}

	/** The letters in dimension order, e.g. {@code XYC}. */
	public String letters() {
		final char[] l = new char[numDimensions()];
		l[x] = 'X';
		l[y] = 'Y';
		if (channel >= 0) l[channel] = 'C';
		if (z >= 0) l[z] = 'Z';
		if (time >= 0) l[time] = 'T';
		return new String(l);
	}

	/** Throws {@link AxesMismatchException} unless the image has exactly these dimensions. */
	public void check(final Dimensions image, final String imageName) {
		final int n = numDimensions();
		boolean ok = image.numDimensions() == n;
		for (final int d : new int[] { x, y, channel, z, time })
			ok &= d < n;
		if (!ok) throw new AxesMismatchException(imageName, image.numDimensions(), letters());
	}

	@Override
	public String toString() {
		try {
			return letters();
		}
		catch (final RuntimeException e) {
			return "Axes[x=" + x + ", y=" + y + ", c=" + channel + ", z=" + z + ", t=" + time + "]";
		}
	}
}
