package org.restorej.tiff.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.Deflater;

/**
 * A minimal writer of tiled 16-bit single-channel little-endian BigTIFFs for tests that need files too
 * large to keep as fixtures: pixel (x, y) holds {@link #value}. Tiles may start far into the file
 * (leaving a sparse hole) to put offsets beyond 4 GiB.
 */
final class PlainTiledTiff {

	private PlainTiledTiff() {}

	static int value(final long x, final long y) {
		return (int) ((x * 7 + y * 13) & 0xFFFF);
	}

	static void write(final Path file, final int width, final int height, final int tile, final boolean deflate,
		final long firstTileOffset) throws IOException
	{
		final int across = (width + tile - 1) / tile, down = (height + tile - 1) / tile;
		final long[] offsets = new long[across * down], counts = new long[across * down];
		try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
			StandardOpenOption.TRUNCATE_EXISTING))
		{
			long at = firstTileOffset;
			final ByteBuffer pixels = ByteBuffer.allocate(tile * tile * 2).order(ByteOrder.LITTLE_ENDIAN);
			for (int ty = 0; ty < down; ty++)
				for (int tx = 0; tx < across; tx++) {
					pixels.clear();
					for (int y = 0; y < tile; y++)
						for (int x = 0; x < tile; x++) // padding beyond the edge holds values too: they must be cropped
							pixels.putShort((short) value(tx * tile + x, ty * tile + y));
					byte[] data = pixels.array();
					if (deflate) data = deflate(data);
					offsets[ty * across + tx] = at;
					counts[ty * across + tx] = data.length;
					out.write(ByteBuffer.wrap(data), at);
					at += data.length;
				}
			// the directory after the tiles: 11 entries of 20 bytes, arrays after it
			final long ifd = at;
			final long arrays = ifd + 8 + 11 * 20 + 8;
			final ByteBuffer d = ByteBuffer.allocate(8 + 11 * 20 + 8 + offsets.length * 16).order(ByteOrder.LITTLE_ENDIAN);
			d.putLong(11);
			entry(d, 256, 4, 1, width);
			entry(d, 257, 4, 1, height);
			entry(d, 258, 3, 1, 16);
			entry(d, 259, 3, 1, deflate ? 8 : 1);
			entry(d, 262, 3, 1, 1);
			entry(d, 277, 3, 1, 1);
			entry(d, 322, 4, 1, tile);
			entry(d, 323, 4, 1, tile);
			entry(d, 324, 16, offsets.length, offsets.length == 1 ? offsets[0] : arrays);
			entry(d, 325, 16, counts.length, counts.length == 1 ? counts[0] : arrays + offsets.length * 8L);
			entry(d, 339, 3, 1, 1);
			d.putLong(0);
			for (final long o : offsets)
				d.putLong(o);
			for (final long c : counts)
				d.putLong(c);
			out.write(d.flip(), ifd);
			final ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
			header.put((byte) 'I').put((byte) 'I').putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(ifd);
			out.write(header.flip(), 0);
		}
	}

	private static void entry(final ByteBuffer d, final int tag, final int type, final long count, final long value) {
		d.putShort((short) tag).putShort((short) type).putLong(count);
		// inline values are left-justified in the 8-byte field
		final int at = d.position();
		if (type == 3 && count == 1) d.putShort((short) value).putShort((short) 0).putInt(0);
		else if (type == 4 && count == 1) d.putInt((int) value).putInt(0);
		else d.putLong(value);
		assert d.position() == at + 8;
	}

	private static byte[] deflate(final byte[] data) {
		final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
		deflater.setInput(data);
		deflater.finish();
		final byte[] out = new byte[data.length + data.length / 100 + 64];
		int n = 0;
		while (!deflater.finished())
			n += deflater.deflate(out, n, out.length - n);
		deflater.end();
		return java.util.Arrays.copyOf(out, n);
	}
}
