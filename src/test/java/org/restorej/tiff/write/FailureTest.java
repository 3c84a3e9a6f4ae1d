package org.restorej.tiff.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.io.OutputExistsException;
import org.restorej.tiff.SampleType;

/** What the writer does when used wrongly or interrupted: clear errors, and never a partial file. */
class FailureTest {

	@TempDir
	Path dir;

	private final TiffOutputSpec spec = TiffOutputSpec.of(40, 40, 1, 1, 1, SampleType.UINT8).withTileSize(16);

	@Test
	void writingFinishedRowsFails() {
		try (TiledTiffWriter<UnsignedByteType> writer = TiledTiffWriter.create(dir.resolve("a.tif"), spec)) {
			final RandomAccess<UnsignedByteType> a = writer.output().randomAccess();
			a.setPositionAndGet(3, 20, 0, 0, 0).set(1);
			writer.rowsFinished(0, 0, 32);
			// rows 16..31 went to the file with the band: a fresh access and the one still holding it both fail
			final IllegalStateException fresh = assertThrows(IllegalStateException.class, () -> writer.output()
				.randomAccess().setPositionAndGet(0, 5, 0, 0, 0).set(2));
			assertTrue(fresh.getMessage().contains("already in the file"), fresh.getMessage());
			assertThrows(IllegalStateException.class, () -> a.setPositionAndGet(4, 20, 0, 0, 0).set(2));
			// rows from 32 on are still open
			writer.output().randomAccess().setPositionAndGet(0, 32, 0, 0, 0).set(3);
		}
	}

	@Test
	void closingWithoutCommitLeavesNoFile() throws IOException {
		try (TiledTiffWriter<UnsignedByteType> writer = TiledTiffWriter.create(dir.resolve("a.tif"), spec)) {
			TestImages.writeRows(writer);
			assertTrue(writer.bytesWritten() > 40 * 40, "tiles are in the temporary file");
			assertEquals(1, files());
		}
		assertEquals(0, files());
	}

	@Test
	void anExceptionMidwayLeavesNoFile() throws IOException {
		final Path target = dir.resolve("a.tif");
		assertThrows(IllegalStateException.class, () -> {
			try (TiledTiffWriter<UnsignedByteType> writer = TiledTiffWriter.create(target, spec)) {
				writer.output().randomAccess().setPositionAndGet(0, 0, 0, 0, 0).set(1);
				writer.rowsFinished(0, 0, 16);
				throw new IllegalStateException("restoration failed");
			}
		});
		assertEquals(0, files());
	}

	@Test
	void anExistingTargetIsKeptUnlessOverwriting() throws IOException {
		final Path target = dir.resolve("a.tif");
		final byte[] before = { 1, 2, 3 };
		Files.write(target, before);
		assertThrows(OutputExistsException.class, () -> TiledTiffWriter.create(target, spec));
		assertArrayEquals(before, Files.readAllBytes(target));
		assertEquals(1, files());

		try (TiledTiffWriter<UnsignedByteType> writer = TiledTiffWriter.create(target, spec.withOverwrite(true))) {
			TestImages.writeRows(writer);
			writer.commit();
		}
		assertEquals(1, files());
		// header, nine 16 x 16 tiles, then the directory: the new file replaced the old one
		assertTrue(Files.size(target) > 16 + 9 * 16 * 16);
		assertEquals('I', Files.readAllBytes(target)[0]);
	}

	private long files() throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.count();
		}
	}
}
