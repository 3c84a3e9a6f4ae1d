package org.restorej.tiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One directory entry as it is in the file: its tag, type, count and the value bytes in the file's
 * byte order. Keeping the raw bytes lets a writer copy entries it does not interpret (GeoTIFF keys,
 * GDAL metadata) unchanged, and compare them byte for byte.
 */
public record TiffField(int tag, FieldType type, long count, byte[] bytes, ByteOrder order) {

	public TiffField {
		if (tag < 0 || tag > 0xFFFF) throw new IllegalArgumentException("tag " + tag + " is not 16-bit");
		if ((long) bytes.length != count * type.size()) throw new IllegalArgumentException("tag " + tag + ": " +
			bytes.length + " bytes for " + count + " values of " + type);
	}

	public static TiffField ofShorts(final int tag, final ByteOrder order, final int... values) {
		final ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(order);
		for (final int v : values)
			b.putShort((short) v);
		return new TiffField(tag, FieldType.SHORT, values.length, b.array(), order);
	}

	public static TiffField ofLongs(final int tag, final ByteOrder order, final long... values) {
		final ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(order);
		for (final long v : values)
			b.putInt((int) v);
		return new TiffField(tag, FieldType.LONG, values.length, b.array(), order);
	}

	public static TiffField ofLong8s(final int tag, final ByteOrder order, final long... values) {
		final ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(order);
		for (final long v : values)
			b.putLong(v);
		return new TiffField(tag, FieldType.LONG8, values.length, b.array(), order);
	}

	public static TiffField ofDoubles(final int tag, final ByteOrder order, final double... values) {
		final ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(order);
		for (final double v : values)
			b.putDouble(v);
		return new TiffField(tag, FieldType.DOUBLE, values.length, b.array(), order);
	}

	/** An ASCII field: the text's bytes and the terminating NUL TIFF requires. */
	public static TiffField ofAscii(final int tag, final ByteOrder order, final String text) {
		final byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
		return new TiffField(tag, FieldType.ASCII, t.length + 1L, Arrays.copyOf(t, t.length + 1), order);
	}

	/** Value {@code i} as an integer (BYTE, SHORT, LONG, LONG8, IFD, IFD8 and their signed kinds). */
	public long longValue(final int i) {
		final ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
		final int at = i * type.size();
		return switch (type) {
			case BYTE, UNDEFINED, ASCII -> bytes[at] & 0xFF;
			case SBYTE -> bytes[at];
			case SHORT -> b.getShort(at) & 0xFFFF;
			case SSHORT -> b.getShort(at);
			case LONG, IFD -> b.getInt(at) & 0xFFFFFFFFL;
			case SLONG -> b.getInt(at);
			case LONG8, SLONG8, IFD8 -> b.getLong(at);
			default -> throw new IllegalStateException("tag " + tag + " holds " + type + ", not integers");
		};
	}

	/** All values as integers. */
	public long[] longValues() {
		final long[] v = new long[(int) count];
		for (int i = 0; i < v.length; i++)
			v[i] = longValue(i);
		return v;
	}

	/** Value {@code i} as a double (any numeric type; rationals divided out). */
	public double doubleValue(final int i) {
		final ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
		final int at = i * type.size();
		return switch (type) {
			case FLOAT -> b.getFloat(at);
			case DOUBLE -> b.getDouble(at);
			case RATIONAL -> (b.getInt(at) & 0xFFFFFFFFL) / (double) (b.getInt(at + 4) & 0xFFFFFFFFL);
			case SRATIONAL -> b.getInt(at) / (double) b.getInt(at + 4);
			default -> longValue(i);
		};
	}

	/** An ASCII field's text, without the trailing NUL. */
	public String text() {
		int n = bytes.length;
		while (n > 0 && bytes[n - 1] == 0)
			n--;
		return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
	}

	/** Same tag, type, count and value bytes once both are in {@code order}. */
	public TiffField inOrder(final ByteOrder target) {
		if (target.equals(order) || type.size() == 1) return new TiffField(tag, type, count, bytes, target);
		final byte[] swapped = bytes.clone();
		// rationals are pairs of 4-byte integers
		final int unit = type == FieldType.RATIONAL || type == FieldType.SRATIONAL ? 4 : type.size();
		for (int at = 0; at < swapped.length; at += unit)
			for (int i = 0; i < unit / 2; i++) {
				final byte t = swapped[at + i];
				swapped[at + i] = swapped[at + unit - 1 - i];
				swapped[at + unit - 1 - i] = t;
			}
		return new TiffField(tag, type, count, swapped, target);
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof TiffField f && f.tag == tag && f.type == type && f.count == count && Arrays.equals(f.bytes,
			bytes) && f.order.equals(order);
	}

	@Override
	public int hashCode() {
		return tag * 31 + Arrays.hashCode(bytes);
	}

	@Override
	public String toString() {
		return TiffTag.name(tag) + " (" + type + " x " + count + ")";
	}
}
