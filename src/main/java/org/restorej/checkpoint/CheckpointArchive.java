package org.restorej.checkpoint;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The zip container of a {@code torch.save} checkpoint: finds {@code <root>/data.pkl}, validates
 * entry names, and serves storage bytes by random access so that only requested tensors are read.
 */
final class CheckpointArchive implements Closeable {

	private static final String PICKLE_NAME = "data.pkl";

	private final Path file;
	private final ZipFile zip;
	/** Prefix of all entries, e.g. {@code "archive/"}; empty if data.pkl is at the top. */
	private final String root;
	private final ByteOrder byteOrder;
	private final AtomicLong storageBytesRead = new AtomicLong();
	private final Set<String> storagesRead = ConcurrentHashMap.newKeySet();
	private volatile boolean closed;

	private CheckpointArchive(final Path file, final ZipFile zip, final String root, final ByteOrder order) {
		this.file = file;
		this.zip = zip;
		this.root = root;
		this.byteOrder = order;
	}

	static CheckpointArchive open(final Path file) {
		FileSignature.requireZip(file);
		final ZipFile zip;
		try {
			zip = new ZipFile(file.toFile());
		}
		catch (final ZipException e) {
			throw new CheckpointException(file, "it is truncated or damaged: not a readable zip archive (" +
				e.getMessage() + ")", e);
		}
		catch (final IOException e) {
			throw new CheckpointException(file, "the file cannot be read (" + e.getMessage() + ")", e);
		}
		try {
			final String root = locateRoot(file, zip);
			return new CheckpointArchive(file, zip, root, readByteOrder(file, zip, root));
		}
		catch (final RuntimeException e) {
			closeQuietly(zip);
			throw e;
		}
	}

	/** Checks every entry name and returns the directory that holds the single data.pkl. */
	private static String locateRoot(final Path file, final ZipFile zip) {
		final List<String> pickles = new ArrayList<>();
		boolean torchScript = false;
		try {
			final Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				final String name = entries.nextElement().getName();
				requireInsideArchive(file, name);
				final int slash = name.indexOf('/');
				final String inRoot = name.substring(slash + 1);
				if (inRoot.equals(PICKLE_NAME) && (slash < 0 || slash == name.lastIndexOf('/'))) pickles.add(name);
				if (slash > 0 && (inRoot.equals("constants.pkl") || inRoot.startsWith("code/"))) torchScript = true;
			}
		}
		catch (final IllegalArgumentException e) {
			// ZipFile reports undecodable entry names this way
			throw new CheckpointException(file, "it is damaged: " + e.getMessage(), e);
		}
		if (torchScript)
			throw new UnsupportedCheckpointFormatException(file, "it is a TorchScript archive " +
				"(torch.jit.save), which holds code and a model, not a plain state dict. In Python, save its " +
				"weights with torch.save(torch.jit.load('model.pt').state_dict(), 'weights.pth').");
		if (pickles.isEmpty())
			throw new CheckpointException(file, "it is a zip archive without a '<name>/data.pkl' entry, so " +
				"it is not a checkpoint written by torch.save");
		if (pickles.size() > 1)
			throw new CheckpointException(file, "it contains " + pickles.size() + " data.pkl entries (" +
				PickleValues.sanitize(String.join(", ", pickles)) + "); cannot tell which one is the checkpoint");
		final String pickle = pickles.get(0);
		return pickle.substring(0, pickle.length() - PICKLE_NAME.length());
	}

	/** Refuses "zip slip" names: a torch.save archive never has absolute or '..' entries. */
	private static void requireInsideArchive(final Path file, final String name) {
		final String n = name.replace('\\', '/');
		boolean escapes = n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.indexOf('\0') >= 0;
		for (final String segment : n.split("/"))
			escapes |= segment.equals("..");
		if (escapes)
			throw new CheckpointException(file, "its zip entry '" + PickleValues.sanitize(name) +
				"' points outside the archive (absolute path or '..'); torch.save never writes such entries, " +
				"so the file is refused");
	}

	/** PyTorch 2.x records the byte order of storages; older files are little-endian. */
	private static ByteOrder readByteOrder(final Path file, final ZipFile zip, final String root) {
		final ZipEntry entry = zip.getEntry(root + "byteorder");
		if (entry == null) return ByteOrder.LITTLE_ENDIAN;
		final String text;
		try (InputStream in = zip.getInputStream(entry)) {
			text = new String(in.readNBytes(16), StandardCharsets.US_ASCII).trim();
		}
		catch (final IOException e) {
			throw new CheckpointException(file, "its entry " + entry.getName() + " cannot be read", e);
		}
		if (text.equals("little")) return ByteOrder.LITTLE_ENDIAN;
		if (text.equals("big")) return ByteOrder.BIG_ENDIAN;
		throw new CheckpointException(file, "its byteorder entry says '" + PickleValues.sanitize(text) +
			"' instead of 'little' or 'big'");
	}

	Path file() {
		return file;
	}

	ByteOrder byteOrder() {
		return byteOrder;
	}

	String pickleEntryName() {
		return root + PICKLE_NAME;
	}

	String storageEntryName(final String storageKey) {
		return root + "data/" + storageKey;
	}

	/** The whole data.pkl, refusing anything beyond {@link SafeUnpickler#MAX_PICKLE_BYTES}. */
	byte[] readPickle() {
		final ZipEntry entry = zip.getEntry(pickleEntryName());
		final long limit = SafeUnpickler.MAX_PICKLE_BYTES;
		final String tooLarge = "its pickle data (" + entry.getName() + ") is larger than " + limit +
			" bytes; a state dict description is far smaller, so the file is refused";
		if (entry.getSize() > limit) throw new CheckpointException(file, tooLarge);
		final byte[] data;
		try (InputStream in = zip.getInputStream(entry)) {
			// do not trust the declared size: read at most one byte beyond the limit
			data = in.readNBytes((int) limit + 1);
		}
		catch (final IOException e) {
			throw new CheckpointException(file, "it is truncated or damaged: cannot read " + entry.getName() +
				" (" + e.getMessage() + ")", e);
		}
		if (data.length > limit) throw new CheckpointException(file, tooLarge);
		if (entry.getSize() >= 0 && data.length != entry.getSize())
			throw new CheckpointException(file, "it is truncated or damaged: " + entry.getName() + " has " +
				data.length + " of " + entry.getSize() + " bytes");
		return data;
	}

	/** Size in bytes of the storage entry, or -1 if it is missing. */
	long storageEntrySize(final String storageKey) {
		final ZipEntry entry = zip.getEntry(storageEntryName(storageKey));
		return entry == null ? -1 : entry.getSize();
	}

	/** A stream over a storage entry, positioned {@code byteOffset} bytes in. */
	StorageStream openStorage(final String storageKey, final long byteOffset) {
		ensureOpen();
		final String name = storageEntryName(storageKey);
		final ZipEntry entry = zip.getEntry(name);
		if (entry == null) throw new CheckpointException(file, "its storage entry " + name + " is missing");
		try {
			final InputStream in = zip.getInputStream(entry);
			try {
				in.skipNBytes(byteOffset); // cheap for stored entries: ZipFile streams seek
			}
			catch (final IOException e) {
				in.close();
				throw e;
			}
			storagesRead.add(storageKey);
			return new StorageStream(name, in);
		}
		catch (final IOException | IllegalStateException e) {
			throw readFailure(name, e);
		}
	}

	private CheckpointException readFailure(final String name, final Exception e) {
		if (closed) return closedException();
		return new CheckpointException(file, "it is truncated or damaged: cannot read " + name + " (" +
			e.getMessage() + ")", e);
	}

	private void ensureOpen() {
		if (closed) throw closedException();
	}

	private CheckpointException closedException() {
		return new CheckpointException(file, "the checkpoint has been closed; open it again to read tensors");
	}

	long storageBytesRead() {
		return storageBytesRead.get();
	}

	Set<String> storagesRead() {
		return Set.copyOf(storagesRead);
	}

	@Override
	public void close() {
		closed = true;
		closeQuietly(zip);
	}

	private static void closeQuietly(final ZipFile zip) {
		try {
			zip.close();
		}
		catch (final IOException e) {
			// nothing useful to do: the file was only read
		}
	}

	/** Sequential reads from one storage entry; counts bytes so tests can check laziness. */
	final class StorageStream implements Closeable {

		private final String name;
		private final InputStream in;

		private StorageStream(final String name, final InputStream in) {
			this.name = name;
			this.in = in;
		}

		void readFully(final byte[] buffer, final int length) {
			ensureOpen();
			final int n;
			try {
				n = in.readNBytes(buffer, 0, length);
			}
			catch (final IOException | IllegalStateException e) {
				throw readFailure(name, e);
			}
			storageBytesRead.addAndGet(n);
			if (n < length)
				throw new CheckpointException(file, "it is truncated or damaged: storage entry " + name +
					" ends before the tensor data it should hold");
		}

		@Override
		public void close() {
			try {
				in.close();
			}
			catch (final IOException e) {
				// read-only stream
			}
		}
	}
}
