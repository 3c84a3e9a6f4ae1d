package org.restorej.zarr;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

import com.google.gson.JsonObject;

/** numcodecs' {@code zlib} (a zlib stream) and {@code gzip} (a gzip member), from the JDK. */
record DeflateCompressor(boolean gzip, int level) implements Compressor {

	@Override
	public byte[] decode(final byte[] stored, final int rawBytes) throws IOException {
		// a byte more than the chunk shows a stream too long without inflating all of it
		if (gzip) try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
			return in.readNBytes(rawBytes + 1);
		}
		return inflate(stored, 0, stored.length, rawBytes);
	}

	static byte[] inflate(final byte[] in, final int from, final int length, final int rawBytes) throws IOException {
		final Inflater inflater = new Inflater();
		try {
			inflater.setInput(in, from, length);
			final byte[] out = new byte[rawBytes];
			int n = 0;
			while (n < rawBytes && !inflater.finished()) {
				final int got = inflater.inflate(out, n, rawBytes - n);
				if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
				n += got;
			}
			if (n != rawBytes) throw new IOException("a zlib stream gave " + n + " bytes instead of " + rawBytes);
			return out;
		}
		catch (final DataFormatException e) {
			throw new IOException("corrupt zlib data: " + e.getMessage(), e);
		}
		finally {
			inflater.end();
		}
	}

	@Override
	public byte[] encode(final byte[] raw, final int typeSize) throws IOException {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length / 2 + 64);
		if (gzip) {
			try (GZIPOutputStream out = new GZIPOutputStream(bytes) {
				{
					def.setLevel(level);
				}
			}) {
				out.write(raw);
			}
			return bytes.toByteArray();
		}
		final Deflater deflater = new Deflater(level);
		try {
			deflater.setInput(raw);
			deflater.finish();
			final byte[] buffer = new byte[64 << 10];
			while (!deflater.finished())
				bytes.write(buffer, 0, deflater.deflate(buffer));
			return bytes.toByteArray();
		}
		finally {
			deflater.end();
		}
	}

	@Override
	public JsonObject json() {
		final JsonObject o = new JsonObject();
		o.addProperty("id", gzip ? "gzip" : "zlib");
		o.addProperty("level", level);
		return o;
	}

	@Override
	public String toString() {
		return (gzip ? "gzip" : "zlib") + " level " + level;
	}
}
