package org.restorej.tiff;

import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

/** The sample types RestoreJ reads and writes, with their TIFF BitsPerSample and SampleFormat. */
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

	/** The ImgLib2 type of these samples. */
	@SuppressWarnings("unchecked")
	public <T extends RealType<T> & NativeType<T>> T imglibType() {
		return (T) switch (this) {
			case UINT8 -> new UnsignedByteType();
			case UINT16 -> new UnsignedShortType();
			case FLOAT32 -> new FloatType();
		};
	}

	/** The sample type of an ImgLib2 type, or null if it is none of these. */
	public static SampleType of(final RealType<?> type) {
		if (type instanceof UnsignedByteType) return UINT8;
		if (type instanceof UnsignedShortType) return UINT16;
		if (type instanceof FloatType) return FLOAT32;
		return null;
	}
}
