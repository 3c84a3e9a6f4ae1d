package org.restorej.zarr;

import java.io.IOException;

/** Decoder of the LZ4 block format (no frame), as blosc stores its lz4-compressed streams. */
final class Lz4Block {

	private Lz4Block() {}

	/** Decodes {@code length} bytes of {@code in} from {@code from} into {@code out[at, at + size)}. */
	static void decode(final byte[] in, final int from, final int length, final byte[] out, final int at,
		final int size) throws IOException
	{
		int i = from, o = at;
		final int end = from + length, outEnd = at + size;
		try {
			while (i < end) {
				final int token = in[i++] & 0xff;
				int literals = token >>> 4;
				if (literals == 15) {
					int b;
					do {
						b = in[i++] & 0xff;
						literals += b;
					}
					while (b == 255);
				}
				if (o + literals > outEnd || i + literals > end) throw new IOException("an lz4 block overruns its bounds");
				System.arraycopy(in, i, out, o, literals);
				i += literals;
				o += literals;
				if (i >= end) break; // the last sequence has literals only
				final int offset = (in[i] & 0xff) | (in[i + 1] & 0xff) << 8;
				i += 2;
				int match = token & 15;
				if (match == 15) {
					int b;
					do {
						b = in[i++] & 0xff;
						match += b;
					}
					while (b == 255);
				}
				match += 4;
				if (offset == 0 || o - offset < at || o + match > outEnd) throw new IOException(
					"an lz4 block refers outside its output");
				for (int k = 0; k < match; k++, o++) // byte by byte: the match may overlap what it writes
					out[o] = out[o - offset];
			}
		}
		catch (final ArrayIndexOutOfBoundsException e) {
			throw new IOException("a truncated lz4 block", e);
		}
		if (o != outEnd) throw new IOException("an lz4 block gave " + (o - at) + " bytes instead of " + size);
	}
}
