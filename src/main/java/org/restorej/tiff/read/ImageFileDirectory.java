package org.restorej.tiff.read;

import java.util.List;

import org.restorej.tiff.FieldType;
import org.restorej.tiff.TiffField;

/** One image file directory (IFD) as read: its position in the chain, its entries in file order. */
record ImageFileDirectory(int index, long offset, List<TiffField> fields) {

	/** The entry with this tag, or null. */
	TiffField field(final int tag) {
		for (final TiffField f : fields)
			if (f.tag() == tag) return f;
		return null;
	}

	boolean has(final int tag) {
		return field(tag) != null;
	}

	/** The first value of an integer tag, or {@code otherwise} when the tag is absent or empty. */
	long value(final int tag, final long otherwise) {
		final TiffField f = field(tag);
		return f == null || f.count() == 0 || !integral(f.type()) ? otherwise : f.longValue(0);
	}

	/** All values of an integer tag, or null when it is absent or not integral. */
	long[] values(final int tag) {
		final TiffField f = field(tag);
		return f == null || !integral(f.type()) ? null : f.longValues();
	}

	/** An ASCII tag's text, or null. */
	String text(final int tag) {
		final TiffField f = field(tag);
		return f == null || f.type() != FieldType.ASCII ? null : f.text();
	}

	/** A numeric tag's first value as a double (rationals divided out), or NaN. */
	double real(final int tag) {
		final TiffField f = field(tag);
		if (f == null || f.count() == 0 || f.type() == FieldType.ASCII || f.type() == FieldType.UNDEFINED)
			return Double.NaN;
		return f.doubleValue(0);
	}

	static boolean integral(final FieldType t) {
		return switch (t) {
			case BYTE, SHORT, LONG, LONG8, IFD, IFD8, SBYTE, SSHORT, SLONG, SLONG8 -> true;
			default -> false;
		};
	}
}
