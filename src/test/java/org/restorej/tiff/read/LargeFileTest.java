package org.restorej.tiff.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files larger than the cell cache are read whole within its budget; offsets beyond 4 GiB work. */
class LargeFileTest {

	private static final long BUDGET = 4L << 20;

	@TempDir
	Path dir;

	@Test
	void readsSixtyFourMegabytesThroughAFourMegabyteCache() throws IOException {
		final Path file = dir.resolve("large.tif");
		// 4000 x 8200 x 16-bit = 62.6 MiB in 256-pixel tiles (16 x 33, the last row and column partial)
		PlainTiledTiff.write(file, 4000, 8200, 256, false, 16);
		readAllWithinBudget(file, "uncompressed");
	}

	@Test
	void readsDeflateTilesThroughASmallCache() throws IOException {
		final Path file = dir.resolve("large-deflate.tif");
		PlainTiledTiff.write(file, 4000, 8200, 256, true, 16);
		readAllWithinBudget(file, "deflate");
	}

	private static void readAllWithinBudget(final Path file, final String what) throws IOException {
		try (TiffImage tiff = TiffImage.open(file, BUDGET)) {
			assertEquals(4000 * 8200L, tiff.info().pixels());
			final long start = System.nanoTime();
			final Cursor<UnsignedShortType> c = Views.flatIterable(tiff.<UnsignedShortType> image()).localizingCursor();
			long mismatches = 0, maxCached = 0;
			while (c.hasNext()) {
				final int v = c.next().get();
				final long x = c.getLongPosition(0), y = c.getLongPosition(1);
				if (v != PlainTiledTiff.value(x, y)) mismatches++;
				if (x == 0) maxCached = Math.max(maxCached, tiff.cachedBytes());
			}
			final double seconds = (System.nanoTime() - start) / 1e9;
			assertEquals(0, mismatches, "pixels differing from the written values");
			assertTrue(maxCached <= BUDGET, "cache held " + maxCached + " bytes");
			assertTrue(maxCached > 0);
			// a band of 16 tiles (2 MiB) fits the budget: every tile is read once (the header twice)
			final long size = Files.size(file);
			assertTrue(tiff.bytesRead() <= size + 16 && tiff.bytesRead() > size * 9 / 10, "read " + tiff.bytesRead() +
				" of " + size + " bytes");
			System.out.printf("TiffImage %s: %.1f MB file, %.1f MB pixels read in %.2f s (%.0f MB/s of pixels, %.0f MB/s" +
				" from the file)%n", what, size / 1e6, 4000 * 8200 * 2 / 1e6, seconds, 4000 * 8200 * 2 / 1e6 / seconds, tiff
					.bytesRead() / 1e6 / seconds);
		}
	}

	@Test
	void readsTilesBeyondFourGigabytes() throws IOException {
		final Path file = dir.resolve("sparse.tif");
		final long at = (5L << 30) + 3;
		try {
			PlainTiledTiff.write(file, 100, 70, 32, true, at);
		}
		catch (final IOException e) {
			Assumptions.abort("no sparse 5 GiB file possible here: " + e);
		}
		try (TiffImage tiff = TiffImage.open(file)) {
			assertTrue(tiff.info().bigTiff());
			final RandomAccess<UnsignedShortType> a = tiff.<UnsignedShortType> image().randomAccess();
			for (int y = 0; y < 70; y++)
				for (int x = 0; x < 100; x++)
					assertEquals(PlainTiledTiff.value(x, y), a.setPositionAndGet(x, y, 0, 0, 0).get());
		}
		finally {
			Files.deleteIfExists(file);
		}
	}
}
