package org.restorej.bioimageio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Extracts a zip without trusting it: every entry must stay inside the target folder (no absolute names,
 * no {@code ..}, no drive letters or backslashes), and the zip is held to budgets before anything is
 * written: its entries, the sizes its directory declares (in all, and per entry against its compressed size:
 * a zip bomb declares a ratio no model file has), and while writing, no entry may grow past what it declared.
 * So neither a crafted name nor a bomb can escape or fill the disk, and a bomb is refused before a byte of it
 * is written.
 */
public final class SafeZip {

	/**
	 * Limits: entries, bytes written in all, and how much larger than its compressed size an entry over
	 * {@link #RATIO_FREE_BYTES} may be.
	 */
	public record Limits(int maxEntries, long maxBytes, int maxRatio) {
		/** Generous for models (the largest bioimage.io packages are a few GB), small enough to stop a bomb. */
		public static final Limits DEFAULT = new Limits(10_000, 8L << 30);

		/** Deflate reaches 1000:1 only on data such as zeros; weights and images compress far less. */
		public Limits(final int maxEntries, final long maxBytes) {
			this(maxEntries, maxBytes, 200);
		}

		/** What is left of these limits after {@code used} bytes (e.g. a package's inner zip after the package). */
		public Limits less(final long used) {
			return new Limits(maxEntries, Math.max(0, maxBytes - used), maxRatio);
		}
	}

	/** Small entries may compress as well as they like: a bomb needs size. */
	static final long RATIO_FREE_BYTES = 16 << 20;

	private SafeZip() {}

	/** @return the bytes written */
	public static long extract(final Path zip, final Path target, final Limits limits) throws IOException {
		return extract(zip, zip, target, limits);
	}

	/**
	 * @param named the zip as errors name it (a package's inner zip: by the package, not the temporary copy)
	 * @return the bytes written
	 */
	public static long extract(final Path zip, final Path named, final Path target, final Limits limits)
		throws IOException
	{
		final Path root = target.toAbsolutePath().normalize();
		Files.createDirectories(root);
		try (ZipFile z = new ZipFile(zip.toFile())) {
			final List<? extends ZipEntry> entries = z.stream().toList();
			if (entries.size() > limits.maxEntries()) throw new InvalidPackageException(named, "it has more than " + limits
				.maxEntries() + " entries");
			long declared = 0;
			for (final ZipEntry e : entries) {
				inside(named, root, e.getName());
				if (e.isDirectory()) continue;
				if (e.getSize() < 0 || e.getCompressedSize() < 0) throw new InvalidPackageException(named, "its entry '" + e
					.getName() + "' declares no size");
				declared += e.getSize();
				if (declared > limits.maxBytes()) throw tooLarge(named, limits);
				if (e.getSize() > RATIO_FREE_BYTES && e.getSize() / Math.max(1, e.getCompressedSize()) > limits.maxRatio())
					throw new InvalidPackageException(named, "its entry '" + e.getName() + "' declares " + e.getSize() +
						" bytes from " + e.getCompressedSize() + " compressed, more than " + limits.maxRatio() + " times " +
						"(a zip bomb)");
			}
			long written = 0;
			for (final ZipEntry e : entries) {
				final Path out = inside(named, root, e.getName());
				if (e.isDirectory()) {
					Files.createDirectories(out);
					continue;
				}
				Files.createDirectories(out.getParent());
				long entryBytes = 0;
				try (InputStream in = z.getInputStream(e); OutputStream o = Files.newOutputStream(out)) {
					final byte[] buf = new byte[1 << 16];
					for (int n; (n = in.read(buf)) > 0;) {
						entryBytes += n;
						written += n;
						if (entryBytes > e.getSize()) throw new InvalidPackageException(named, "its entry '" + e.getName() +
							"' unpacks to more than the " + e.getSize() + " bytes it declares");
						if (written > limits.maxBytes()) throw tooLarge(named, limits);
						o.write(buf, 0, n);
					}
				}
			}
			return written;
		}
		catch (final java.util.zip.ZipException e) {
			throw new InvalidPackageException(named, "it is not a readable zip (" + e.getMessage() + ")");
		}
	}

	private static InvalidPackageException tooLarge(final Path zip, final Limits limits) {
		return new InvalidPackageException(zip, "it unpacks to more than " + limits.maxBytes() + " bytes");
	}

	private static Path inside(final Path zip, final Path root, final String name) {
		if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains(":") || name.contains("\0"))
			throw new InvalidPackageException(zip, "its entry '" + name + "' is not a plain relative path");
		final Path out = root.resolve(name).normalize();
		if (!out.startsWith(root) || out.equals(root)) throw new InvalidPackageException(zip, "its entry '" + name +
			"' points outside the folder it is extracted to");
		return out;
	}
}
