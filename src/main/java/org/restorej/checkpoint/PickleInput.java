package org.restorej.checkpoint;

/** Bounds-checked little-endian reads from a pickle byte stream. */
final class PickleInput {

	/** Longest text argument (protocol 0 literals, GLOBAL names) accepted. */
	static final int MAX_LINE = 1 << 12;

	private final byte[] data;
	private int pos;

	PickleInput(final byte[] data) {
		this.data = data;
	}

	int position() {
		return pos;
	}

	int remaining() {
		return data.length - pos;
	}

	int u8() {
		need(1);
		return data[pos++] & 0xff;
	}

	int u16() {
		need(2);
		final int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
		pos += 2;
		return v;
	}

	int s32() {
		need(4);
		final int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8 | (data[pos + 2] & 0xff) << 16 |
			(data[pos + 3] & 0xff) << 24;
		pos += 4;
		return v;
	}

	long u32() {
		return s32() & 0xffffffffL;
	}

	/** Unsigned 64-bit; values beyond Long.MAX_VALUE come back negative and fail length checks. */
	long u64() {
		final long low = u32();
		final long high = u32();
		return high << 32 | low;
	}

	/** Big-endian IEEE double, as BINFLOAT stores it. */
	double binaryDouble() {
		need(8);
		long bits = 0;
		for (int i = 0; i < 8; i++)
			bits = bits << 8 | (data[pos + i] & 0xff);
		pos += 8;
		return Double.longBitsToDouble(bits);
	}

	byte[] bytes(final long n) {
		need(n);
		final byte[] b = new byte[(int) n];
		System.arraycopy(data, pos, b, 0, b.length);
		pos += b.length;
		return b;
	}

	/** Bytes up to (excluding) the next newline, which is consumed. */
	byte[] line() {
		final int start = pos;
		final int limit = Math.min(data.length, start + MAX_LINE);
		for (int i = start; i < limit; i++) {
			if (data[i] == '\n') {
				pos = i + 1;
				final byte[] b = new byte[i - start];
				System.arraycopy(data, start, b, 0, b.length);
				return b;
			}
		}
		throw PickleError.malformed("text argument without a newline within " + MAX_LINE + " bytes");
	}

	private void need(final long n) {
		if (n < 0 || n > data.length - pos)
			throw PickleError.malformed("needs " + Long.toUnsignedString(n) + " more bytes but only " +
				(data.length - pos) + " remain (truncated file?)");
	}
}
