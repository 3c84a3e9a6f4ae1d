package org.restorej.zarr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A Zarr v2 chunk codec, as its {@code .zarray} names it under {@code compressor} (numcodecs ids).
 * Decoding takes the stored bytes of a chunk and the chunk's raw size.
 */
public interface Compressor {

	String CONVERT = "Re-save it with one of none, zlib, gzip, zstd or blosc (lz4, zstd or zlib inside), " +
		"e.g. python zarr's default";

	byte[] decode(byte[] stored, int rawBytes) throws IOException;

	byte[] encode(byte[] raw, int typeSize) throws IOException;

	/** The {@code compressor} entry of {@code .zarray}; null for none. */
	JsonObject json();

	/** Chunks stored as they are. */
	Compressor NONE = new Compressor() {
		@Override
		public byte[] decode(final byte[] stored, final int rawBytes) {
			return stored;
		}

		@Override
		public byte[] encode(final byte[] raw, final int typeSize) {
			return raw;
		}

		@Override
		public JsonObject json() {
			return null;
		}

		@Override
		public String toString() {
			return "none";
		}
	};

	/** numcodecs' zlib at {@code level} (what {@code compression=deflate} writes). */
	static Compressor zlib(final int level) {
		return new DeflateCompressor(false, level);
	}

	/** The codec {@code entry} (a {@code .zarray}'s {@code compressor}) names. */
	static Compressor of(final JsonElement entry, final Path array) {
		if (entry == null || entry.isJsonNull()) return NONE;
		final JsonObject o = entry.getAsJsonObject();
		final String id = o.has("id") ? o.get("id").getAsString().toLowerCase(Locale.ROOT) : "";
		final int level = o.has("level") && !o.get("level").isJsonNull() ? o.get("level").getAsInt() : -1;
		return switch (id) {
			case "zlib" -> new DeflateCompressor(false, level < 0 ? 1 : level);
			case "gzip" -> new DeflateCompressor(true, level < 0 ? 1 : level);
			case "zstd" -> new ZstdCompressor(level < 0 ? 3 : level);
			case "blosc" -> BloscCompressor.of(o, array);
			default -> throw new InvalidZarrException(array, "its chunks are compressed with '" + id + "'", CONVERT);
		};
	}
}
