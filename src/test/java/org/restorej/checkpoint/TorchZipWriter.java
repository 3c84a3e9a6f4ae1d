package org.restorej.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Writes a zip archive laid out byte for byte as PyTorch's {@code PyTorchStreamWriter} (miniz) lays
 * out {@code torch.save} files: entries stored, every entry's data aligned to 64 bytes by an
 * {@code FB} padding extra field, sizes and CRC in a data descriptor after the data (so that entries
 * can be streamed without knowing their CRC in advance), DOS time zero, and a zip64 end of central
 * directory. Entries or offsets at or beyond 4 GiB get zip64 extra fields as miniz writes them.
 */
final class TorchZipWriter implements Closeable {

	/** Alignment of entry data, as {@code kFieldAlignment} in PyTorch's inline_container.cc. */
	static final int ALIGNMENT = 64;
	/** Sizes and offsets from here on need zip64 fields (miniz uses {@code >= MZ_UINT32_MAX}). */
	static final long ZIP64_LIMIT = 0xFFFFFFFFL;

	private static final int LOCAL_HEADER = 0x04034b50;
	private static final int DATA_DESCRIPTOR = 0x08074b50;
	private static final int CENTRAL_HEADER = 0x02014b50;
	private static final int ZIP64_END = 0x06064b50;
	private static final int ZIP64_LOCATOR = 0x07064b50;
	private static final int END = 0x06054b50;
	/** General purpose flags miniz sets: data descriptor (bit 3) and UTF-8 names (bit 11). */
	private static final int FLAGS = 0x0808;
	private static final int CHUNK = 1 << 20;

	private final WritableByteChannel out;
	private final String prefix;
	private final long zip64Limit;
	private final ByteArrayOutputStream centralDirectory = new ByteArrayOutputStream();
	private long position;
	private long entries;
	private Record open;
	private boolean finished;

	/**
	 * @param root the directory all entries live in, e.g. the file's stem
	 */
	TorchZipWriter(final WritableByteChannel out, final String root) {
		this(out, root, ZIP64_LIMIT);
	}

	/** With a lower zip64 threshold, for tests of the zip64 layout on small files. */
	TorchZipWriter(final WritableByteChannel out, final String root, final long zip64Limit) {
		this.out = out;
		this.prefix = root + "/";
		this.zip64Limit = zip64Limit;
	}

	/** Bytes written so far. */
	long position() {
		return position;
	}

	/** Writes {@code <root>/<name>} with the given contents. */
	void writeRecord(final String name, final byte[] data) throws IOException {
		try (Record r = openRecord(name, data.length)) {
			r.write(ByteBuffer.wrap(data));
		}
	}

	/**
	 * Starts the entry {@code <root>/<name>} of exactly {@code size} bytes; write them to the returned
	 * record and close it before opening the next.
	 */
	Record openRecord(final String name, final long size) throws IOException {
		if (open != null) throw new IllegalStateException("entry " + open.name + " is still open");
		if (finished) throw new IllegalStateException("the archive is finished");
		final byte[] fullName = (prefix + name).getBytes(StandardCharsets.UTF_8);
		final long offset = position;
		final boolean zip64Size = size >= zip64Limit;
		final boolean zip64Offset = offset >= zip64Limit;
		final byte[] zip64 = zip64Extra(zip64Size ? size : -1, zip64Size ? 0 : -1, zip64Offset ? offset : -1);
		// getPadding() in inline_container.cc: FB, u16 length, then 'Z's up to the next 64-byte boundary
		final long start = offset + 30 + fullName.length + zip64.length + 4;
		final int padding = (int) ((ALIGNMENT - start % ALIGNMENT) % ALIGNMENT);
		final ByteBuffer header = buffer(30 + fullName.length + zip64.length + 4 + padding);
		header.putInt(LOCAL_HEADER).putShort((short) 0).putShort((short) FLAGS).putShort((short) 0)
			.putInt(0) // DOS time and date
			.putInt(0).putInt(0).putInt(0) // CRC and sizes follow in the data descriptor
			.putShort((short) fullName.length).putShort((short) (zip64.length + 4 + padding)).put(fullName).put(zip64)
			.put((byte) 'F').put((byte) 'B').putShort((short) padding);
		for (int i = 0; i < padding; i++)
			header.put((byte) 'Z');
		writeFully(header.flip());
		open = new Record(new String(fullName, StandardCharsets.UTF_8), fullName, offset, size);
		return open;
	}

	/** Writes the central directory and the end records. The channel stays open. */
	void finish() throws IOException {
		if (open != null) throw new IllegalStateException("entry " + open.name + " is still open");
		if (finished) return;
		finished = true;
		final long cdOffset = position;
		final long cdSize = centralDirectory.size();
		writeFully(ByteBuffer.wrap(centralDirectory.toByteArray()));
		final long zip64EndOffset = position;
		final ByteBuffer end = buffer(56 + 20 + 22);
		end.putInt(ZIP64_END).putLong(44).putShort((short) 0x031E).putShort((short) 0x002D).putInt(0).putInt(0)
			.putLong(entries).putLong(entries).putLong(cdSize).putLong(cdOffset);
		end.putInt(ZIP64_LOCATOR).putInt(0).putLong(zip64EndOffset).putInt(1);
		end.putInt(END).putShort((short) 0).putShort((short) 0).putShort((short) Math.min(entries, 0xFFFF))
			.putShort((short) Math.min(entries, 0xFFFF)).putInt((int) field32(cdSize)).putInt((int) field32(
				cdOffset)).putShort((short) 0);
		writeFully(end.flip());
	}

	@Override
	public void close() throws IOException {
		out.close();
	}

	private long field32(final long value) {
		return value >= zip64Limit ? ZIP64_LIMIT : value;
	}

	/** miniz's zip64 extended information field with the values that are not negative. */
	private static byte[] zip64Extra(final long size, final long compressedSize, final long offset) {
		final int n = (size >= 0 ? 8 : 0) + (compressedSize >= 0 ? 8 : 0) + (offset >= 0 ? 8 : 0);
		if (n == 0) return new byte[0];
		final ByteBuffer b = buffer(4 + n).putShort((short) 1).putShort((short) n);
		if (size >= 0) b.putLong(size);
		if (compressedSize >= 0) b.putLong(compressedSize);
		if (offset >= 0) b.putLong(offset);
		return b.array();
	}

	private static ByteBuffer buffer(final int size) {
		return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
	}

	private void writeFully(final ByteBuffer b) throws IOException {
		while (b.hasRemaining())
			position += out.write(b);
	}

	/** One entry being written: counts bytes and computes the CRC as they pass. */
	final class Record implements Closeable {

		private final String name;
		private final byte[] fullName;
		private final long offset;
		private final long size;
		private final CRC32 crc = new CRC32();
		private long written;
		private ByteBuffer scratch;

		private Record(final String name, final byte[] fullName, final long offset, final long size) {
			this.name = name;
			this.fullName = fullName;
			this.offset = offset;
			this.size = size;
		}

		/** Writes the remaining bytes of {@code data}. */
		void write(final ByteBuffer data) throws IOException {
			if (open != this) throw new IllegalStateException("entry " + name + " is closed");
			final int n = data.remaining();
			if (written + n > size)
				throw new IllegalStateException("entry " + name + " was declared with " + size + " bytes, got more");
			crc.update(data.duplicate());
			writeFully(data);
			written += n;
		}

		/** A little-endian buffer of up to 1 MiB, reused between calls, for the caller to fill. */
		ByteBuffer scratch() {
			if (scratch == null) scratch = buffer((int) Math.max(8, Math.min(CHUNK, size)));
			return scratch.clear();
		}

		/** Ends the entry: writes the data descriptor and remembers its central directory header. */
		@Override
		public void close() throws IOException {
			if (open != this) return;
			open = null;
			if (written != size)
				throw new IllegalStateException("entry " + name + " was declared with " + size + " bytes, but " +
					written + " were written");
			final boolean zip64Size = size >= zip64Limit;
			final boolean zip64Offset = offset >= zip64Limit;
			final boolean zip64 = zip64Size || zip64Offset;
			final ByteBuffer descriptor = buffer(zip64 ? 24 : 16).putInt(DATA_DESCRIPTOR).putInt((int) crc.getValue());
			if (zip64) descriptor.putLong(size).putLong(size);
			else descriptor.putInt((int) size).putInt((int) size);
			writeFully(descriptor.flip());
			final byte[] extra = zip64Extra(zip64Size ? size : -1, zip64Size ? size : -1, zip64Offset ? offset : -1);
			final ByteBuffer central = buffer(46 + fullName.length + extra.length);
			central.putInt(CENTRAL_HEADER).putShort((short) 0).putShort((short) 0).putShort((short) FLAGS)
				.putShort((short) 0).putInt(0).putInt((int) crc.getValue()).putInt((int) field32(size)).putInt(
					(int) field32(size)).putShort((short) fullName.length).putShort((short) extra.length).putShort(
						(short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) field32(offset)).put(
							fullName).put(extra);
			centralDirectory.writeBytes(central.array());
			entries++;
		}
	}
}
