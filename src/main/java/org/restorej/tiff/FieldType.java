package org.restorej.tiff;

/** The value types a TIFF directory entry can hold (TIFF 6.0 and BigTIFF), with their sizes in bytes. */
public enum FieldType {
	BYTE(1, 1), ASCII(2, 1), SHORT(3, 2), LONG(4, 4), RATIONAL(5, 8), SBYTE(6, 1), UNDEFINED(7, 1), SSHORT(8, 2),
	SLONG(9, 4), SRATIONAL(10, 8), FLOAT(11, 4), DOUBLE(12, 8), IFD(13, 4), LONG8(16, 8), SLONG8(17, 8), IFD8(18, 8);

	private final int code;
	private final int size;

	FieldType(final int code, final int size) {
		this.code = code;
		this.size = size;
	}

	public int code() {
		return code;
	}

	/** Bytes per value. */
	public int size() {
		return size;
	}

	/** The type with this code, or null for a code TIFF does not define (such entries are skipped). */
	public static FieldType of(final int code) {
		for (final FieldType t : values())
			if (t.code == code) return t;
		return null;
	}
}
