package org.restorej.tiff.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

import org.restorej.tiff.InvalidTiffException;

/**
 * Positional reads of a file through one {@link FileChannel}: safe from many threads at once (no shared
 * position), never mapping or loading the whole file, and checking every range against the file's
 * length so that a bad offset becomes an {@link InvalidTiffException} rather than a short read.
 */
final class FileBytes implements AutoCloseable {

	private final Path file;
	private final FileChannel channel;
	private final long size;
	private final AtomicLong bytesRead = new AtomicLong();

	private FileBytes(final Path file, final FileChannel channel, final long size) {
		this.file = file;
		this.channel = channel;
		this.size = size;
	}

	static FileBytes open(final Path file) {
		try {
			final FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
			return new FileBytes(file, channel, channel.size());
		}
		catch (final IOException e) {
			throw new InvalidTiffException(file, "the file cannot be opened (" + e + ")",
				"Check that the path is right and the file readable.", e);
		}
	}

	Path file() {
		return file;
	}

	long size() {
		return size;
	}

	long bytesRead() {
		return bytesRead.get();
	}

	/** Whether {@code length} bytes at {@code offset} lie inside the file. */
	boolean contains(final long offset, final long length) {
		return offset >= 0 && length >= 0 && offset <= size && length <= size - offset;
	}

	/** {@code length} bytes at {@code offset}; {@code what} names them in the error if they are not all there. */
	byte[] read(final long offset, final int length, final String what) {
		if (!contains(offset, length)) throw new InvalidTiffException(file, what + " (" + length + " bytes at offset " +
			Long.toUnsignedString(offset) + ") lies beyond the end of the file (" + size + " bytes)",
			"The file is truncated or corrupt: copy or export it again.");
		final ByteBuffer buffer = ByteBuffer.allocate(length);
		try {
			while (buffer.hasRemaining()) {
				final int n = channel.read(buffer, offset + buffer.position());
				if (n < 0) throw new InvalidTiffException(file, what + " ends early: the file shrank while being read",
					"Do not modify the file while it is read.");
			}
		}
		catch (final IOException e) {
			throw new InvalidTiffException(file, "reading " + what + " failed (" + e + ")",
				"Check that the disk or network share is available.", e);
		}
		bytesRead.addAndGet(length);
		return buffer.array();
	}

	ByteBuffer buffer(final long offset, final int length, final ByteOrder order, final String what) {
		return ByteBuffer.wrap(read(offset, length, what)).order(order);
	}

	@Override
	public void close() {
		try {
			channel.close();
		}
		catch (final IOException e) {
			// nothing was written: a failed close loses nothing
		}
	}
}
