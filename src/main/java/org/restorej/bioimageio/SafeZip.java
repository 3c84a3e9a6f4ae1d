package org.restorej.bioimageio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Extracts a zip without trusting it: every entry must stay inside the target folder (no absolute names,
 * no {@code ..}, no drive letters or backslashes), and the entries and bytes actually written are counted
 * against limits, so that neither a crafted name nor a zip bomb can escape or fill the disk.
 */
public final class SafeZip {

	/** Limits: entries, and bytes written in all (counted while writing, not taken from the headers). */
	public record Limits(int maxEntries, long maxBytes) {
		/** Generous for models (the largest bioimage.io packages are a few GB), small enough to stop a bomb. */
		public static final Limits DEFAULT = new Limits(10_000, 8L << 30);
	}

	private SafeZip() {}

	public static void extract(final Path zip, final Path target, final Limits limits) throws IOException {
		final Path root = target.toAbsolutePath().normalize();
		Files.createDirectories(root);
		long written = 0;
		int entries = 0;
		try (ZipFile z = new ZipFile(zip.toFile())) {
			for (final java.util.Enumeration<? extends ZipEntry> all = z.entries(); all.hasMoreElements();) {
				final ZipEntry e = all.nextElement();
				if (++entries > limits.maxEntries()) throw new InvalidPackageException(zip, "it has more than " + limits
					.maxEntries() + " entries");
				final Path out = inside(zip, root, e.getName());
				if (e.isDirectory()) {
					Files.createDirectories(out);
					continue;
				}
				Files.createDirectories(out.getParent());
				try (InputStream in = z.getInputStream(e); OutputStream o = Files.newOutputStream(out)) {
					final byte[] buf = new byte[1 << 16];
					for (int n; (n = in.read(buf)) > 0;) {
						written += n;
						if (written > limits.maxBytes()) throw new InvalidPackageException(zip, "it unpacks to more than " +
							limits.maxBytes() + " bytes");
						o.write(buf, 0, n);
					}
				}
			}
		}
		catch (final java.util.zip.ZipException e) {
			throw new InvalidPackageException(zip, "it is not a readable zip (" + e.getMessage() + ")");
		}
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
