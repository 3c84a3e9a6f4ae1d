package org.restorej.tiff.read;

/**
 * Compression 5: TIFF's LZW (codes of 9 to 12 bits, most significant bit first, with the code width
 * growing one code early as TIFF 6.0 specifies).
 */
final class LzwDecoder implements BlockDecoder {

	private static final int CLEAR = 256, END = 257, FIRST_FREE = 258, TABLE = 4096;

	@Override
	public int decode(final byte[] in, final byte[] out) throws CorruptBlockException {
		// each entry is a previous entry plus one byte: strings are rebuilt backwards through prefix[]
		final int[] prefix = new int[TABLE];
		final byte[] last = new byte[TABLE];
		final byte[] first = new byte[TABLE];
		final int[] length = new int[TABLE];
		for (int i = 0; i < 256; i++) {
			last[i] = first[i] = (byte) i;
			length[i] = 1;
		}
		if (in.length >= 2 && in[0] == 0 && (in[1] & 1) == 1) throw new CorruptBlockException(
			"it uses the old, bit-reversed LZW variant");
		long bitPos = 0;
		final long bits = (long) in.length * 8;
		int width = 9, next = FIRST_FREE, previous = -1, n = 0;
		while (n < out.length && bitPos + width <= bits) {
			final int code = readCode(in, bitPos, width);
			bitPos += width;
			if (code == END) break;
			if (code == CLEAR) {
				width = 9;
				next = FIRST_FREE;
				previous = -1;
				continue;
			}
			if (previous < 0) {
				if (code > 255) throw new CorruptBlockException("LZW code " + code + " follows a clear code");
				out[n++] = (byte) code;
				previous = code;
				continue;
			}
			final int emitted;
			if (code < next) {
				emitted = code;
				if (next < TABLE) add(prefix, last, first, length, next++, previous, first[code]);
			}
			else if (code == next && next < TABLE) {
				add(prefix, last, first, length, next++, previous, first[previous]);
				emitted = code;
			}
			else throw new CorruptBlockException("LZW code " + code + " is out of range (next free code " + next + ")");
			n = emit(prefix, last, length, emitted, out, n);
			previous = code;
			if (next >= (1 << width) - 1 && width < 12) width++;
		}
		return n;
	}

	private static void add(final int[] prefix, final byte[] last, final byte[] first, final int[] length,
		final int code, final int previous, final byte b)
	{
		prefix[code] = previous;
		last[code] = b;
		first[code] = first[previous];
		length[code] = length[previous] + 1;
	}

	/** Writes the string of {@code code} at {@code n}, cut at the end of {@code out}; returns the new end. */
	private static int emit(final int[] prefix, final byte[] last, final int[] length, final int code, final byte[] out,
		final int n)
	{
		final int len = length[code];
		int c = code;
		for (int i = len - 1; i >= 0; i--) {
			if (n + i < out.length) out[n + i] = last[c];
			c = prefix[c];
		}
		return Math.min(out.length, n + len);
	}

	private static int readCode(final byte[] in, final long bitPos, final int width) {
		final int at = (int) (bitPos >>> 3);
		// up to 3 bytes hold a code of at most 12 bits
		int window = (in[at] & 0xFF) << 16;
		if (at + 1 < in.length) window |= (in[at + 1] & 0xFF) << 8;
		if (at + 2 < in.length) window |= in[at + 2] & 0xFF;
		final int shift = 24 - (int) (bitPos & 7) - width;
		return (window >>> shift) & ((1 << width) - 1);
	}
}
