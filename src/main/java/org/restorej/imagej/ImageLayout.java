package org.restorej.imagej;

/**
 * The shape of an image as ImageJ 1 stores it: planes of {@code width x height} samples, channels
 * varying fastest, then Z slices, then time frames (ImageJ's XYCZT order). An RGB image has three
 * 8-bit channels here.
 */
public record ImageLayout(int width, int height, int channels, int slices, int frames, PixelKind kind) {

	public ImageLayout {
		if (width < 1 || height < 1 || channels < 1 || slices < 1 || frames < 1) throw new IllegalArgumentException(
			"every dimension must be >= 1: " + width + "x" + height + ", c=" + channels + ", z=" + slices + ", t=" +
				frames);
		if ((long) width * height > Integer.MAX_VALUE) throw new IllegalArgumentException("a plane of " + width +
			"x" + height + " exceeds ImageJ's 2^31 samples per plane");
		if (kind == null) throw new IllegalArgumentException("pixel kind is required");
	}

	public int planes() {
		return channels * slices * frames;
	}

	public int planeSamples() {
		return width * height;
	}

	public long planeBytes() {
		return (long) planeSamples() * kind.bytes();
	}

	public long totalBytes() {
		return planeBytes() * planes();
	}

	/** Dimensions in the order X, Y, C, Z, T (every axis present, some of size 1). */
	public long[] dimensions() {
		return new long[] { width, height, channels, slices, frames };
	}

	/** The same planes with another channel count and kind (what a model returns). */
	public ImageLayout with(final int channelCount, final PixelKind pixelKind) {
		return new ImageLayout(width, height, channelCount, slices, frames, pixelKind);
	}

	/** {@code 512x512 c3 z10 t1 uint16}: the form {@link #parse} reads (and messages show). */
	@Override
	public String toString() {
		return width + "x" + height + " c" + channels + " z" + slices + " t" + frames + " " + kind.id();
	}

	public static ImageLayout parse(final String s) {
		final String[] p = s.trim().split("\\s+");
		if (p.length != 5 || !p[1].startsWith("c") || !p[2].startsWith("z") || !p[3].startsWith("t"))
			throw new IllegalArgumentException("not an image layout: " + s);
		final String[] wh = p[0].split("x");
		return new ImageLayout(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), Integer.parseInt(p[1].substring(1)),
			Integer.parseInt(p[2].substring(1)), Integer.parseInt(p[3].substring(1)), PixelKind.byId(p[4]));
	}
}
