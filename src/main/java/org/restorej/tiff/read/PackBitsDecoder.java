package org.restorej.tiff.read;

/** Compression 32773: Apple PackBits run-length coding. */
final class PackBitsDecoder implements BlockDecoder {

	@Override
	public int decode(final byte[] in, final byte[] out) throws CorruptBlockException {
		int i = 0, n = 0;
		while (i < in.length && n < out.length) {
			final int header = in[i++];
			if (header >= 0) { // header + 1 literal bytes
				final int len = Math.min(header + 1, out.length - n);
				if (i + len > in.length) throw new CorruptBlockException("its PackBits data end inside a literal run");
				System.arraycopy(in, i, out, n, len);
				i += header + 1;
				n += len;
			}
			else if (header != -128) { // the next byte 1 - header times; -128 is a no-op
				if (i >= in.length) throw new CorruptBlockException("its PackBits data end inside a repeat run");
				final byte value = in[i++];
				final int len = Math.min(1 - header, out.length - n);
				for (int k = 0; k < len; k++)
					out[n++] = value;
			}
		}
		return n;
	}
}
