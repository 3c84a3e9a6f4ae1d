package org.restorej.tiff.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.List;

import org.restorej.tiff.TiffField;

/**
 * Writes BigTIFF image file directories: an 8-byte entry count, 20-byte entries (tag, type, 8-byte
 * count, 8-byte value or offset), the 8-byte offset of the next directory, then the values longer
 * than 8 bytes, each on a word boundary as TIFF requires.
 */
final class IfdWriter {

	static final int ENTRY_BYTES = 20, INLINE_BYTES = 8;

	private IfdWriter() {}

	/** Bytes a directory of these entries takes with its values. */
	static long size(final List<TiffField> entries) {
		long n = 8 + (long) ENTRY_BYTES * entries.size() + 8;
		for (final TiffField f : entries)
			if (f.bytes().length > INLINE_BYTES) n += even(f.bytes().length);
		return n;
	}

	/** Directories start on an 8-byte boundary: tidy for 8-byte offsets, and at least the word TIFF asks for. */
	static long align(final long position) {
		return (position + 7) & ~7L;
	}

	/**
	 * Writes the directory at {@code at}, linked to the one at {@code next} (0 for the last).
	 *
	 * @return the position after it
	 */
	static long write(final FileChannel file, final long at, final List<TiffField> entries, final long next,
		final ByteOrder order) throws IOException
	{
		final long size = size(entries);
		if (size > Integer.MAX_VALUE - 16) throw new IOException("a directory of " + size + " bytes is too large");
		final ByteBuffer b = ByteBuffer.allocate((int) size).order(order);
		b.putLong(entries.size());
		int values = 8 + ENTRY_BYTES * entries.size() + 8;
		for (final TiffField f : entries) {
			b.putShort((short) f.tag());
			b.putShort((short) f.type().code());
			b.putLong(f.count());
			final byte[] v = f.inOrder(order).bytes();
			if (v.length <= INLINE_BYTES) {
				// short values sit left-justified in the offset field, padded with zeros
				b.put(v);
				b.put(new byte[INLINE_BYTES - v.length]);
			}
			else {
				b.putLong(at + values);
				b.put(values, v);
				values += even(v.length);
			}
		}
		b.putLong(next);
		b.rewind();
		long p = at;
		while (b.hasRemaining())
			p += file.write(b, p);
		return at + size;
	}

	private static long even(final long n) {
		return n + (n & 1);
	}

	private static int even(final int n) {
		return n + (n & 1);
	}
}
