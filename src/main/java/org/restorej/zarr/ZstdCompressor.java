package org.restorej.zarr;

import java.io.IOException;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import com.google.gson.JsonObject;

/** numcodecs' {@code zstd}: one Zstandard frame per chunk (zstd-jni). */
record ZstdCompressor(int level) implements Compressor {

	@Override
	public byte[] decode(final byte[] stored, final int rawBytes) throws IOException {
		return decompress(stored, 0, stored.length, rawBytes);
	}

	static byte[] decompress(final byte[] in, final int from, final int length, final int rawBytes) throws IOException {
		final byte[] out = new byte[rawBytes];
		try {
			final long n = Zstd.decompressByteArray(out, 0, rawBytes, in, from, length);
			if (n != rawBytes) throw new IOException("a zstd frame gave " + n + " bytes instead of " + rawBytes);
			return out;
		}
		catch (final ZstdException e) {
			throw new IOException("corrupt zstd data: " + e.getMessage(), e);
		}
	}

	@Override
	public byte[] encode(final byte[] raw, final int typeSize) {
		return Zstd.compress(raw, level);
	}

	@Override
	public JsonObject json() {
		final JsonObject o = new JsonObject();
		o.addProperty("id", "zstd");
		o.addProperty("level", level);
		return o;
	}

	@Override
	public String toString() {
		return "zstd level " + level;
	}
}
