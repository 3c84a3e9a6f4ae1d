package org.restorej.tiff;

import java.nio.ByteBuffer;

/**
 * How a TIFF stores its samples, which may be more kinds than RestoreJ computes with: signed and wider
 * integers and doubles are read as 32-bit float ({@link #sampleType()}), exactly for 8- and 16-bit
 * integers, to float precision otherwise. No ImgLib2 here: ImageJ 1 and Fiji's JVM read files too.
 */
public enum StoredSampleType {
	UINT8(8, 1, SampleType.UINT8, "8-bit unsigned"), UINT16(16, 1, SampleType.UINT16, "16-bit unsigned"), FLOAT32(32,
		3, SampleType.FLOAT32, "32-bit float"), INT8(8, 2, SampleType.FLOAT32, "8-bit signed"), INT16(16, 2,
			SampleType.FLOAT32, "16-bit signed"), INT32(32, 2, SampleType.FLOAT32, "32-bit signed"), UINT32(32, 1,
				SampleType.FLOAT32, "32-bit unsigned"), FLOAT64(64, 3, SampleType.FLOAT32, "64-bit float");

	private final int bits;
	private final int format;
	private final SampleType delivered;
	private final String description;

	StoredSampleType(final int bits, final int format, final SampleType delivered, final String description) {
		this.bits = bits;
		this.format = format;
		this.delivered = delivered;
		this.description = description;
	}

	/** The type with these TIFF values (SampleFormat 1 unsigned, 2 signed, 3 float), or null if not read. */
	public static StoredSampleType of(final int bitsPerSample, final int sampleFormat) {
		for (final StoredSampleType t : values())
			if (t.bits == bitsPerSample && t.format == sampleFormat) return t;
		return null;
	}

	/** Bytes of one stored sample. */
	public int bytes() {
		return bits / 8;
	}

	/** The type the reader delivers: this one, or 32-bit float for the kinds RestoreJ does not compute with. */
	public SampleType sampleType() {
		return delivered;
	}

	/** Whether reading changes the kind of the values (to 32-bit float). */
	public boolean converted() {
		return delivered.bitsPerSample() != bits || delivered.sampleFormat() != format;
	}

	/** A note for the log when {@link #converted()}, else null. */
	public String conversionNote() {
		if (!converted()) return null;
		final boolean exact = bits <= 16;
		return "its " + description + " samples are read as 32-bit float" + (exact ? ""
			: " (to float precision: about 7 significant digits)");
	}

	/** The sample at byte {@code at} of {@code b} (in its order) as a float. */
	public float get(final ByteBuffer b, final int at) {
		return switch (this) {
			case UINT8 -> b.get(at) & 0xFF;
			case INT8 -> b.get(at);
			case UINT16 -> b.getShort(at) & 0xFFFF;
			case INT16 -> b.getShort(at);
			case INT32 -> b.getInt(at);
			case UINT32 -> b.getInt(at) & 0xFFFFFFFFL;
			case FLOAT32 -> b.getFloat(at);
			case FLOAT64 -> (float) b.getDouble(at);
		};
	}

	@Override
	public String toString() {
		return description;
	}
}
