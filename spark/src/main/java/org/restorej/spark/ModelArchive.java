package org.restorej.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A model folder zipped for the executors ({@code SparkContext.addFile}), named by a digest of its
 * contents so that executors unpack each version of a model once and never confuse two.
 */
final class ModelArchive {

	private ModelArchive() {}

	/** Zips {@code modelDir} into {@code workDir}; returns the zip (named {@code model-DIGEST.zip}). */
	static Path zip(final Path modelDir, final Path workDir) {
		try {
			final List<Path> files;
			try (Stream<Path> s = Files.walk(modelDir)) {
				files = s.filter(Files::isRegularFile).sorted().toList();
			}
			final MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (final Path f : files) {
				digest.update(modelDir.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
				digest.update(Files.readAllBytes(f));
			}
			final Path zip = workDir.resolve("model-" + HexFormat.of().formatHex(digest.digest(), 0, 8) + ".zip");
			try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
				for (final Path f : files) {
					z.putNextEntry(new ZipEntry(modelDir.relativize(f).toString().replace('\\', '/')));
					Files.copy(f, z);
					z.closeEntry();
				}
			}
			return zip;
		}
		catch (final IOException e) {
			throw new UncheckedIOException("cannot pack the model folder " + modelDir + " for the executors", e);
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
