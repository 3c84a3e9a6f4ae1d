package org.restorej.zarr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Locale;

import com.github.luben.zstd.Zstd;
import com.google.gson.JsonObject;

/**
 * numcodecs' {@code blosc} (python zarr's default): the blosc 1 frame, a 16-byte header then blocks,
 * each optionally split in one stream per byte of the type, each stream compressed on its own, after a
 * byte or bit shuffle. Decodes the lz4, zstd and zlib codecs inside; writes zstd with byte shuffle, one
 * block per chunk, unsplit.
 */
record BloscCompressor(String cname, int clevel, int shuffle) implements Compressor {

	private static final int HEADER = 16, MAX_SPLITS = 16, MIN_BUFFERSIZE = 128;
	private static final int BYTE_SHUFFLE = 0x1, MEMCPYED = 0x2, BIT_SHUFFLE = 0x4, DONT_SPLIT = 0x10;
	private static final int LZ4 = 1, ZLIB = 3, ZSTD = 4;

	static BloscCompressor of(final JsonObject o, final Path array) {
		final String cname = o.has("cname") ? o.get("cname").getAsString().toLowerCase(Locale.ROOT) : "lz4";
		if (!cname.equals("lz4") && !cname.equals("zstd") && !cname.equals("zlib")) throw new InvalidZarrException(array,
			"its chunks are compressed with blosc '" + cname + "'", Compressor.CONVERT);
		return new BloscCompressor(cname, o.has("clevel") ? o.get("clevel").getAsInt() : 5, o.has("shuffle") ? o.get(
			"shuffle").getAsInt() : 1);
	}

	@Override
	public byte[] decode(final byte[] stored, final int rawBytes) throws IOException {
		if (stored.length < HEADER) throw new IOException("a blosc frame of " + stored.length + " bytes");
		final ByteBuffer b = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
		final int flags = stored[2] & 0xff, typeSize = stored[3] & 0xff;
		final int nbytes = b.getInt(4), blockSize = b.getInt(8), cbytes = b.getInt(12);
		if (nbytes != rawBytes) throw new IOException("a blosc frame holds " + nbytes + " bytes, the chunk " + rawBytes);
		if (cbytes > stored.length) throw new IOException("a truncated blosc frame");
		final byte[] out = new byte[nbytes];
		if ((flags & MEMCPYED) != 0) {
			if (HEADER + nbytes > stored.length) throw new IOException("a truncated blosc frame");
			System.arraycopy(stored, HEADER, out, 0, nbytes);
			return out;
		}
		if (blockSize <= 0) throw new IOException("a blosc frame with block size " + blockSize);
		final int codec = flags >>> 5;
		final int blocks = (nbytes + blockSize - 1) / blockSize;
		// the header's block size sizes a buffer: never larger than the chunk, whose size is checked above
		final byte[] block = new byte[Math.min(blockSize, nbytes)];
		for (int k = 0; k < blocks; k++) {
			final int size = Math.min(blockSize, nbytes - k * blockSize);
			// blosc splits full blocks only, never the shorter last one
			final boolean split = (flags & DONT_SPLIT) == 0 && typeSize <= MAX_SPLITS && blockSize / Math.max(1,
				typeSize) >= MIN_BUFFERSIZE && size == blockSize;
			final int streams = split ? typeSize : 1;
			final int streamSize = size / streams;
			int at = b.getInt(HEADER + 4 * k);
			for (int s = 0; s < streams; s++) {
				final int length = b.getInt(at);
				at += 4;
				if (length < 0 || at + length > stored.length) throw new IOException("a blosc stream overruns the frame");
				if (length == streamSize) System.arraycopy(stored, at, block, s * streamSize, streamSize);
				else decodeStream(codec, stored, at, length, block, s * streamSize, streamSize);
				at += length;
			}
			final int offset = k * blockSize;
			if ((flags & BIT_SHUFFLE) != 0 && typeSize > 0) bitUnshuffle(block, size, typeSize, out, offset);
			else if ((flags & BYTE_SHUFFLE) != 0 && typeSize > 1) byteUnshuffle(block, size, typeSize, out, offset);
			else System.arraycopy(block, 0, out, offset, size);
		}
		return out;
	}

	private static void decodeStream(final int codec, final byte[] in, final int from, final int length,
		final byte[] out, final int at, final int size) throws IOException
	{
		switch (codec) {
			case LZ4 -> Lz4Block.decode(in, from, length, out, at, size);
			case ZSTD -> System.arraycopy(ZstdCompressor.decompress(in, from, length, size), 0, out, at, size);
			case ZLIB -> System.arraycopy(DeflateCompressor.inflate(in, from, length, size), 0, out, at, size);
			default -> throw new IOException("blosc codec " + codec + " (only lz4, zlib and zstd are read)");
		}
	}

	/** Byte shuffle: the first bytes of every element, then the second bytes, ...; a remainder as is. */
	private static void byteUnshuffle(final byte[] in, final int size, final int typeSize, final byte[] out,
		final int at)
	{
		final int elements = size / typeSize;
		for (int j = 0; j < typeSize; j++)
			for (int e = 0; e < elements; e++)
				out[at + e * typeSize + j] = in[j * elements + e];
		final int done = elements * typeSize;
		System.arraycopy(in, done, out, at + done, size - done);
	}

	/**
	 * Bit shuffle (bitshuffle's layout): for each bit of each byte of the element, one row of bits over
	 * the elements, eight elements per byte, lowest element in the lowest bit; elements beyond a multiple
	 * of eight as they are.
	 */
	private static void bitUnshuffle(final byte[] in, final int size, final int typeSize, final byte[] out,
		final int at)
	{
		final int elements = (size / typeSize) & ~7;
		final int rowBytes = elements / 8;
		java.util.Arrays.fill(out, at, at + elements * typeSize, (byte) 0);
		for (int j = 0; j < typeSize; j++)
			for (int bit = 0; bit < 8; bit++) {
				final int row = (j * 8 + bit) * rowBytes;
				for (int e = 0; e < elements; e++)
					if ((in[row + (e >>> 3)] >>> (e & 7) & 1) != 0) out[at + e * typeSize + j] |= (byte) (1 << bit);
			}
		final int done = elements * typeSize;
		System.arraycopy(in, done, out, at + done, size - done);
	}

	@Override
	public byte[] encode(final byte[] raw, final int typeSize) {
		final byte[] shuffled = new byte[raw.length];
		final int elements = raw.length / typeSize;
		for (int j = 0; j < typeSize; j++)
			for (int e = 0; e < elements; e++)
				shuffled[j * elements + e] = raw[e * typeSize + j];
		System.arraycopy(raw, elements * typeSize, shuffled, elements * typeSize, raw.length - elements * typeSize);
		final byte[] packed = Zstd.compress(shuffled, clevel);
		final boolean copy = packed.length + 4 + 4 >= raw.length;
		final int total = copy ? HEADER + raw.length : HEADER + 4 + 4 + packed.length;
		final ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 2).put((byte) 1);
		b.put((byte) (copy ? MEMCPYED | DONT_SPLIT : (typeSize > 1 ? BYTE_SHUFFLE : 0) | DONT_SPLIT | ZSTD << 5));
		b.put((byte) typeSize).putInt(raw.length).putInt(raw.length).putInt(total);
		if (copy) b.put(raw);
		else b.putInt(HEADER + 4).putInt(packed.length).put(packed);
		return b.array();
	}

	/** What RestoreJ writes: zstd inside, byte shuffle. */
	static BloscCompressor zstd(final int level) {
		return new BloscCompressor("zstd", level, 1);
	}

	@Override
	public JsonObject json() {
		final JsonObject o = new JsonObject();
		o.addProperty("id", "blosc");
		o.addProperty("cname", cname);
		o.addProperty("clevel", clevel);
		o.addProperty("shuffle", shuffle);
		o.addProperty("blocksize", 0);
		return o;
	}

	@Override
	public String toString() {
		return "blosc " + cname + " level " + clevel + (shuffle == 1 ? ", byte shuffle" : shuffle == 2 ? ", bit shuffle"
			: "");
	}
}
