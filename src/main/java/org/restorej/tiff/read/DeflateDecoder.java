package org.restorej.tiff.read;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Compression 8 and 32946: zlib streams (Adobe Deflate and the older PKZIP code). */
final class DeflateDecoder implements BlockDecoder {

	@Override
	public int decode(final byte[] in, final byte[] out) throws CorruptBlockException {
		final Inflater inflater = new Inflater();
		try {
			inflater.setInput(in);
			int n = 0;
			while (n < out.length) {
				final int k = inflater.inflate(out, n, out.length - n);
				n += k;
				// no progress: the stream ended, or it is cut short (needs input), or wants a dictionary
				if (k == 0) break;
			}
			// the output is full: let the inflater reach the stream's end, so that its checksum catches corruption
			if (!inflater.finished() && inflater.getRemaining() > 0) inflater.inflate(new byte[256]);
			return n;
		}
		catch (final DataFormatException e) {
			throw new CorruptBlockException("its Deflate data are corrupt (" + e.getMessage() + ")");
		}
		finally {
			inflater.end();
		}
	}
}
