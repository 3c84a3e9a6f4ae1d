package org.restorej.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OME-Zarr images that would make RestoreJ read outside their folder or allocate what they declare:
 * chunk keys and dataset paths stay inside the image, links are not followed, and sizes are checked
 * against the chunk's before anything is allocated. Each fails with an {@link InvalidZarrException}
 * naming the file.
 */
class HostileZarrTest {

	/** What reading a 16 x 16 image may allocate, whatever its headers declare. */
	private static final long BUDGET = 16L << 20;

	@TempDir
	Path dir;

	@Test
	void theTestImageReads() {
		// sum over y, x of 100 + 16 y + x
		assertEquals(256 * 100 + 16 * 16 * 7.5 * 17, ZarrImages.readAll(ZarrImages.write(dir.resolve("ok.zarr"),
			Compressor.NONE)));
	}

	@Test
	void aSeparatorOtherThanDotOrSlashIsRefused() throws IOException {
		// "/../../other.zarr/0/" would make every chunk key climb into another image; "../" make them all missing
		for (final String separator : new String[] { "/../../other.zarr/0/", "../", "_", "" }) {
			final Path root = ZarrImages.write(Files.createTempDirectory(dir, "sep").resolve("image.zarr"), Compressor.NONE);
			ZarrImages.edit(root.resolve("0/.zarray"), "dimension_separator", "\"" + separator + "\"");
			final String m = refused(root, root.resolve("0/.zarray"));
			assertTrue(m.contains("dimension_separator"), m);
		}
	}

	@Test
	void datasetPathsOutsideTheImageAreRefused() throws IOException {
		final Path other = ZarrImages.write(dir.resolve("other.zarr"), Compressor.NONE);
		for (final String path : new String[] { "../other.zarr/0", other.resolve("0").toString(), "0/../0", "./0", "",
			"0/" })
		{
			final Path root = ZarrImages.write(Files.createTempDirectory(dir, "path").resolve("image.zarr"), Compressor.NONE);
			final String attrs = Files.readString(root.resolve(".zattrs")).replace("\"path\": \"0\"", "\"path\": \"" + path +
				"\"");
			Files.writeString(root.resolve(".zattrs"), attrs);
			final String m = refused(root, root);
			assertTrue(m.contains("dataset path '" + path + "'"), m);
		}
	}

	@Test
	void linkedChunksFoldersAndDatasetsAreNotFollowed() throws IOException {
		final Path other = ZarrImages.write(dir.resolve("other.zarr"), Compressor.NONE);
		// a chunk file linked to the zero device, which never ends
		final Path zero = ZarrImages.write(dir.resolve("zero.zarr"), Compressor.NONE);
		Files.delete(zero.resolve("0/0/0"));
		Files.createSymbolicLink(zero.resolve("0/0/0"), Path.of("/dev/zero"));
		assertTrue(refused(zero, zero.resolve("0/0/0")).contains("symbolic link"));
		// a folder of chunks linked to another image's
		final Path folder = ZarrImages.write(dir.resolve("folder.zarr"), Compressor.NONE);
		org.restorej.io.PartialFiles.delete(folder.resolve("0/1"));
		Files.createSymbolicLink(folder.resolve("0/1"), other.resolve("0/1"));
		assertTrue(refused(folder, folder.resolve("0/1")).contains("symbolic link"));
		// the dataset itself linked to another image's
		final Path dataset = ZarrImages.write(dir.resolve("dataset.zarr"), Compressor.NONE);
		org.restorej.io.PartialFiles.delete(dataset.resolve("0"));
		Files.createSymbolicLink(dataset.resolve("0"), other.resolve("0"));
		assertTrue(refused(dataset, dataset.resolve("0")).contains("symbolic link"));
	}

	@Test
	void aBloscHeaderDeclaringAHugeBlockAllocatesNoMoreThanTheChunk() throws IOException {
		final Path root = ZarrImages.write(dir.resolve("blosc.zarr"), BloscCompressor.zstd(3));
		final Path chunk = root.resolve("0/0/0");
		final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(chunk)).order(ByteOrder.LITTLE_ENDIAN);
		b.putInt(8, Integer.MAX_VALUE); // the block size
		Files.write(chunk, b.array());
		// a block of 2^31-1 bytes over a chunk of 128: read as the one block the chunk is, or refused
		final com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		final long before = mx.getCurrentThreadAllocatedBytes();
		try {
			ZarrImages.readAll(root);
		}
		catch (final InvalidZarrException e) {
			assertTrue(e.getMessage().contains(chunk.toString()), e.getMessage());
		}
		assertTrue(mx.getCurrentThreadAllocatedBytes() - before < BUDGET);
	}

	@Test
	void chunksLargerThanTheHeapCanHoldAreRefusedAtOpen() throws IOException {
		// 3.2 GB chunks, and no chunk file: each would have been filled with the fill value
		final Path root = ZarrImages.write(dir.resolve("big.zarr"), Compressor.NONE);
		ZarrImages.edit(root.resolve("0/.zarray"), "chunks", "[40000, 40000]");
		ZarrImages.edit(root.resolve("0/.zarray"), "shape", "[40000, 40000]");
		final String m = refused(root, root.resolve("0/.zarray"));
		assertTrue(m.contains("3200000000 bytes each") && m.contains("smaller chunks"), m);
	}

	@Test
	void aChunkFileLargerThanAnyCodecWritesIsRefusedUnread() throws IOException {
		final Path root = ZarrImages.write(dir.resolve("long.zarr"), Compressor.zlib(1));
		Files.write(root.resolve("0/1/1"), new byte[1 << 20]);
		assertTrue(refused(root, root.resolve("0/1/1")).contains("more than any codec needs"));
	}

	@Test
	void aGzipChunkInflatingPastItsSizeIsRefused() throws IOException {
		final Path root = ZarrImages.write(dir.resolve("bomb.zarr"), new DeflateCompressor(true, 1));
		final ByteArrayOutputStream bomb = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bomb)) {
			out.write(new byte[2 << 20]); // 2 MB of zeros in 2 KB, for a chunk of 128 bytes
		}
		Files.write(root.resolve("0/0/1"), bomb.toByteArray());
		assertTrue(refused(root, root.resolve("0/0/1")).contains("holds 129 bytes instead of 128"));
	}

	/** Reading fails with an InvalidZarrException naming {@code named}, allocating little; its message. */
	private static String refused(final Path root, final Path named) {
		final com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		final long before = mx.getCurrentThreadAllocatedBytes();
		final InvalidZarrException e = assertThrows(InvalidZarrException.class, () -> ZarrImages.readAll(root));
		final long allocated = mx.getCurrentThreadAllocatedBytes() - before;
		assertTrue(allocated < BUDGET, "reading allocated " + allocated + " bytes");
		assertTrue(e.getMessage().contains(named.toString()), e.getMessage());
		return e.getMessage();
	}
}
