package org.restorej.tiff.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.tiff.SampleType;

/**
 * An image written in row order holds at most two bands of tile rows, whatever its height (the write speed is
 * {@link TiffWriteBenchmark}'s, not a test's).
 */
class BufferedBandsTest {

	@TempDir
	Path dir;

	@Test
	void aTallImageIsWrittenWithTwoBandsAtMost() throws IOException {
		final int width = 1024, height = 8192;
		final TiffOutputSpec spec = TiffOutputSpec.of(width, height, 1, 1, 1, SampleType.UINT16);
		final long limit = (long) spec.tileSize() * width * 2 * 2;
		final Path file = dir.resolve("tall.tif");
		try (TiledTiffWriter<UnsignedShortType> writer = TiledTiffWriter.create(file, spec)) {
			final RandomAccess<UnsignedShortType> a = writer.output().randomAccess();
			long max = 0;
			for (int y = 0; y < height; y++) {
				a.setPosition(new long[] { 0, y, 0, 0, 0 });
				for (int x = 0; x < width; x++) {
					a.get().set((x + y) & 0xFFFF);
					a.fwd(0);
				}
				// finished rows are reported late, every 100 rows, to span two bands at times
				if (y % 100 == 99) writer.rowsFinished(0, 0, y + 1);
				max = Math.max(max, writer.bufferedBytes());
			}
			writer.commit();
			assertTrue(max <= limit, max + " bytes buffered, more than two bands (" + limit + ")");
			assertTrue(limit * 4 <= 2L * width * height, "the image is much taller than two bands");
			assertEquals(writer.peakBufferedBytes(), max);
			assertEquals(Files.size(file), writer.bytesWritten());
		}
		assertTrue(Files.size(file) > 2L * width * height);
	}
}
