package org.restorej.tiff;

/**
 * The sample types RestoreJ reads and writes, with their TIFF BitsPerSample and SampleFormat. No
 * ImgLib2 here ({@link ImgLib2Types} has their types): reading a header must work in ImageJ 1 and
 * Fiji's JVM.
 */
public enum SampleType {
	UINT8(8, 1), UINT16(16, 1), FLOAT32(32, 3);

	private final int bits;
	private final int format;

	SampleType(final int bits, final int format) {
		this.bits = bits;
		this.format = format;
	}

	public int bitsPerSample() {
		return bits;
	}

	/** TIFF SampleFormat: 1 unsigned integer, 3 IEEE float. */
	public int sampleFormat() {
		return format;
	}

	public int bytes() {
		return bits / 8;
	}

	/** The type with these TIFF values, or null if RestoreJ does not handle it. */
	public static SampleType of(final int bitsPerSample, final int sampleFormat) {
		for (final SampleType t : values())
			if (t.bits == bitsPerSample && t.format == sampleFormat) return t;
		return null;
	}
}
