package org.restorej.tiff.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.restorej.tiff.FieldType;
import org.restorej.tiff.TiffField;

/**
 * Adds entries (GeoTIFF, GDAL metadata: the {@link TiffOutputSpec#copiedFields} the streamed writer
 * copies) to the first page of a classic TIFF another writer made, such as ImageJ's. The first
 * directory is written again at the end of the file with its entries, byte for byte, and the new ones
 * in tag order, and the header points to it: pixel data and the other pages stay where they are.
 */
public final class FirstPageEntries {

	private static final int ENTRY_BYTES = 12, INLINE_BYTES = 4;
	/** Classic TIFF offsets are 32-bit. */
	private static final long MAX_OFFSET = 0xFFFF_FFFFL;

	private FirstPageEntries() {}

	/**
	 * @throws IOException if {@code file} is not a classic TIFF, already too large for 32-bit offsets, or
	 *           an entry is a layout tag or a BigTIFF-only type
	 */
	public static void add(final Path file, final List<TiffField> entries) throws IOException {
		if (entries.isEmpty()) return;
		final Set<Integer> tags = new HashSet<>();
		for (final TiffField f : entries) {
			if (TiffOutputSpec.WRITER_TAGS.contains(f.tag()) || !tags.add(f.tag())) throw new IOException("cannot add " +
				f + " to " + file + ": a layout tag or a repeated one");
			if (f.type() == FieldType.LONG8 || f.type() == FieldType.SLONG8 || f.type() == FieldType.IFD8)
				throw new IOException("cannot add " + f + " to the classic TIFF " + file + ": a BigTIFF-only type");
		}
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			final ByteBuffer header = read(ch, 0, 8, ByteOrder.BIG_ENDIAN);
			final ByteOrder order = header.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
			header.order(order);
			if (header.getShort(2) != 42) throw new IOException(file + " is not a classic TIFF");
			final long first = header.getInt(4) & MAX_OFFSET;
			final int count = read(ch, first, 2, order).getShort(0) & 0xFFFF;
			final ByteBuffer old = read(ch, first + 2, ENTRY_BYTES * count + 4, order);
			final long next = old.getInt(ENTRY_BYTES * count) & MAX_OFFSET;
			// the old entries as they are (their values stay where they are), less any the new ones replace
			final List<byte[]> kept = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				final byte[] e = new byte[ENTRY_BYTES];
				old.get(ENTRY_BYTES * i, e);
				if (!tags.contains(ByteBuffer.wrap(e).order(order).getShort(0) & 0xFFFF)) kept.add(e);
			}
			final List<TiffField> added = entries.stream().map(f -> f.inOrder(order)).sorted(Comparator.comparingInt(
				TiffField::tag)).toList();
			final int n = kept.size() + added.size();
			long size = 2 + (long) ENTRY_BYTES * n + 4;
			for (final TiffField f : added)
				if (f.bytes().length > INLINE_BYTES) size += f.bytes().length + (f.bytes().length & 1);
			final long at = (ch.size() + 1) & ~1L;
			if (at + size > MAX_OFFSET) throw new IOException(file + " is too large to add entries to");
			final ByteBuffer b = ByteBuffer.allocate((int) size).order(order);
			b.putShort((short) n);
			long values = at + 2 + (long) ENTRY_BYTES * n + 4;
			int a = 0, k = 0;
			final List<byte[]> outOfLine = new ArrayList<>();
			// entries in ascending tag order, as TIFF requires
			while (a < added.size() || k < kept.size()) {
				final boolean takeAdded = k == kept.size() || a < added.size() && added.get(a).tag() < (ByteBuffer.wrap(
					kept.get(k)).order(order).getShort(0) & 0xFFFF);
				if (!takeAdded) {
					b.put(kept.get(k++));
					continue;
				}
				final TiffField f = added.get(a++);
				b.putShort((short) f.tag()).putShort((short) f.type().code()).putInt((int) f.count());
				if (f.bytes().length <= INLINE_BYTES) b.put(f.bytes()).put(new byte[INLINE_BYTES - f.bytes().length]);
				else {
					b.putInt((int) values);
					values += f.bytes().length + (f.bytes().length & 1);
					outOfLine.add(f.bytes());
				}
			}
			b.putInt((int) next);
			for (final byte[] v : outOfLine)
				b.put(v).put(new byte[v.length & 1]);
			write(ch, at, b);
			write(ch, 4, ByteBuffer.allocate(4).order(order).putInt((int) at));
		}
	}

	private static ByteBuffer read(final FileChannel ch, final long at, final int n, final ByteOrder order)
		throws IOException
	{
		final ByteBuffer b = ByteBuffer.allocate(n).order(order);
		while (b.hasRemaining())
			if (ch.read(b, at + b.position()) < 0) throw new IOException("the TIFF ends inside its first directory");
		return b.rewind();
	}

	private static void write(final FileChannel ch, final long at, final ByteBuffer b) throws IOException {
		b.rewind();
		long p = at;
		while (b.hasRemaining())
			p += ch.write(b, p);
	}
}
