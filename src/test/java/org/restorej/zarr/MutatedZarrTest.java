package org.restorej.zarr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.restorej.io.Mutants;
import org.restorej.io.PartialFiles;

/**
 * Seeded mutants of small valid OME-Zarr images, one per codec RestoreJ reads (chunk bytes flipped or
 * cut, chunk files emptied, and {@code .zarray} and {@code .zattrs} entries given hostile values):
 * every one reads to the last pixel or fails with an {@link InvalidZarrException} naming a file of
 * the image, within a small allocation budget.
 */
class MutatedZarrTest {

	private static final long BUDGET = 16L << 20;
	/** .zarray entries and values a broken or hostile array holds. */
	private static final String[][] ARRAY_FIELDS = { { "shape", "[16]", "[0, 16]", "[-1, 16]", "[16, 1e12]",
		"[40000, 40000]", "[16, 16, 16]", "\"16\"", "null" }, { "chunks", "[0, 8]", "[8]", "[2147483647, 2]",
			"[40000, 40000]", "[-8, 8]", "[1, 1]", "[16, 16]", "[8, 8.5]", "null" }, { "dtype", "\"<u4\"", "\">u2\"",
				"\"|u1\"", "\"<f4\"", "\"\"", "\"u\"", "7" }, { "dimension_separator", "\".\"", "\"..\"", "\"/../\"", "\"\"",
					"null" }, { "fill_value", "\"NaN\"", "1e400", "\"x\"", "[]" }, { "compressor", "null",
						"{\"id\": \"zlib\"}", "{\"id\": \"blosc\", \"cname\": \"lz4\"}", "{\"id\": \"lzma\"}", "7", "{}" }, {
							"order", "\"F\"", "null" }, { "zarr_format", "3", "\"2\"" }, { "filters", "[{\"id\": \"delta\"}]" } };
	/** The multiscales entry (as written by {@link Multiscales#write}) with hostile parts. */
	private static final String[][] ATTRS = { { "\"path\": \"0\"", "\"path\": \"../0\"", "\"path\": \"/0\"",
		"\"path\": \"0/..\"", "\"path\": 0", "\"path\": \"1\"", "\"path\": \"0/0\"" }, { "\"name\": \"y\"",
			"\"name\": \"x\"", "\"name\": \"q\"", "\"name\": \"yy\"" }, { "\"multiscales\"", "\"multiscale\"" } };

	@TempDir
	Path dir;

	@Test
	void everyMutantReadsOrFailsCleanlyWithinTheBudget() throws IOException {
		final Random random = new Random(20261208L);
		final List<Compressor> codecs = List.of(Compressor.NONE, Compressor.zlib(1), new DeflateCompressor(true, 1),
			new ZstdCompressor(3), BloscCompressor.zstd(3));
		int n = 0;
		try (Mutants mutants = new Mutants(BUDGET)) {
			for (final Compressor codec : codecs) {
				// every listed value of every .zarray and .zattrs entry
				for (final String[] field : ARRAY_FIELDS)
					for (int v = 1; v < field.length; v++) {
						final Path root = ZarrImages.write(dir.resolve("m" + n++ + ".zarr"), codec);
						ZarrImages.edit(root.resolve("0/.zarray"), field[0], field[v]);
						read(mutants, root, codec + ", " + field[0] + " = " + field[v]);
					}
				for (final String[] part : ATTRS)
					for (int v = 1; v < part.length; v++) {
						final Path root = ZarrImages.write(dir.resolve("m" + n++ + ".zarr"), codec);
						final Path attrs = root.resolve(".zattrs");
						Files.writeString(attrs, Files.readString(attrs).replaceFirst(java.util.regex.Pattern.quote(part[0]),
							part[v]));
						read(mutants, root, codec + ", " + part[0] + " -> " + part[v]);
					}
				// chunk bytes: flipped, set, cut, emptied
				for (int m = 0; m < 30; m++) {
					final Path root = ZarrImages.write(dir.resolve("m" + n++ + ".zarr"), codec);
					final Path chunk = root.resolve("0/" + random.nextInt(2) + "/" + random.nextInt(2));
					final byte[] b = Files.readAllBytes(chunk);
					final String what;
					switch (random.nextInt(4)) {
						case 0 -> {
							final int flips = 1 + random.nextInt(4);
							for (int i = 0; i < flips; i++)
								b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
							Files.write(chunk, b);
							what = flips + " bit(s) flipped";
						}
						case 1 -> {
							// the first bytes hold a codec's header (blosc's sizes, zstd's frame, zlib's)
							final int at = random.nextInt(Math.min(16, b.length));
							b[at] = (byte) random.nextInt(256);
							Files.write(chunk, b);
							what = "byte " + at + " set";
						}
						case 2 -> {
							final int length = random.nextInt(b.length);
							Files.write(chunk, Arrays.copyOf(b, length));
							what = "cut to " + length;
						}
						default -> {
							Files.write(chunk, new byte[0]);
							what = "emptied";
						}
					}
					read(mutants, root, codec + ", chunk " + root.relativize(chunk) + " " + what);
				}
			}
			mutants.assertAllClean("OME-Zarr");
		}
	}

	private static void read(final Mutants mutants, final Path root, final String what) throws IOException {
		mutants.tryRead(what, root.toString(), () -> ZarrImages.readAll(root));
		PartialFiles.delete(root);
	}
}
