package org.restorej.imagej;

import ij.ImagePlus;

/**
 * How one sample of an ImageJ 1 plane is stored. RGB images are handled as three 8-bit channels, so
 * they have no kind of their own.
 */
public enum PixelKind {

	UINT8(1, "uint8"), UINT16(2, "uint16"), FLOAT32(4, "float32");

	private final int bytes;
	private final String id;

	PixelKind(final int bytes, final String id) {
		this.bytes = bytes;
		this.id = id;
	}

	public int bytes() {
		return bytes;
	}

	/** The name used in messages and in the worker protocol, e.g. {@code uint16}. */
	public String id() {
		return id;
	}

	public static PixelKind byId(final String id) {
		for (final PixelKind k : values())
			if (k.id.equals(id)) return k;
		throw new IllegalArgumentException("unknown pixel kind: " + id);
	}

	/** The kind of an image's samples (RGB: 8-bit per channel). */
	public static PixelKind of(final ImagePlus image) {
		return switch (image.getType()) {
			case ImagePlus.GRAY8, ImagePlus.COLOR_256, ImagePlus.COLOR_RGB -> UINT8;
			case ImagePlus.GRAY16 -> UINT16;
			case ImagePlus.GRAY32 -> FLOAT32;
			default -> throw new IllegalArgumentException("unknown ImageJ image type " + image.getType());
		};
	}

	/** A new plane array of this kind: {@code byte[]}, {@code short[]} or {@code float[]}. */
	public Object newArray(final int length) {
		return switch (this) {
			case UINT8 -> new byte[length];
			case UINT16 -> new short[length];
			case FLOAT32 -> new float[length];
		};
	}
}
