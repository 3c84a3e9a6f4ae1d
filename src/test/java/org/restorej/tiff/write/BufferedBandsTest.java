package org.restorej.tiff.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.tiff.SampleType;

/**
 * A large image written in row order holds at most two bands of tile rows, whatever its height; and
 * the write speed, printed (not asserted: the machine is shared).
 */
class MemoryAndSpeedTest {

	@TempDir
	Path dir;

	@Test
	void aLargeImageIsWrittenWithTwoBandsAtMost() throws IOException {
		final int side = 16384;
		final TiffOutputSpec spec = TiffOutputSpec.of(side, side, 1, 1, 1, SampleType.UINT16);
		final long limit = (long) spec.tileSize() * side * 2 * 2;
		final Path file = dir.resolve("large.tif");
		final long start = System.nanoTime();
		try (TiledTiffWriter<UnsignedShortType> writer = TiledTiffWriter.create(file, spec)) {
			final RandomAccess<UnsignedShortType> a = writer.output().randomAccess();
			long max = 0;
			for (int y = 0; y < side; y++) {
				a.setPosition(new long[] { 0, y, 0, 0, 0 });
				for (int x = 0; x < side; x++) {
					a.get().set((x + y) & 0xFFFF);
					a.fwd(0);
				}
				// finished rows are reported late, every 100 rows, to span two bands at times
				if (y % 100 == 99) writer.rowsFinished(0, 0, y + 1);
				max = Math.max(max, writer.bufferedBytes());
			}
			writer.commit();
			assertTrue(max <= limit, max + " bytes buffered, more than two bands (" + limit + ")");
			assertEquals(writer.peakBufferedBytes(), max);
			assertEquals(Files.size(file), writer.bytesWritten());
			report("uint16 16384 x 16384 raw", 2L * side * side, start, max);
		}
		assertTrue(Files.size(file) > 2L * side * side);
	}

	@Test
	void throughputOfFloatImages() throws IOException {
		for (final boolean deflate : new boolean[] { false, true }) {
			final int side = 8192;
			final TiffOutputSpec spec = TiffOutputSpec.of(side, side, 1, 1, 1, SampleType.FLOAT32).withDeflate(deflate);
			final Path file = dir.resolve("float-" + deflate + ".tif");
			final long start = System.nanoTime();
			try (TiledTiffWriter<FloatType> writer = TiledTiffWriter.create(file, spec)) {
				final RandomAccess<FloatType> a = writer.output().randomAccess();
				for (int y = 0; y < side; y++) {
					a.setPosition(new long[] { 0, y, 0, 0, 0 });
					for (int x = 0; x < side; x++) {
						// smooth, like a restored image: compressible but not trivially
						a.get().set((float) (Math.sin(x * 0.01) * Math.cos(y * 0.013) * 1000));
						a.fwd(0);
					}
					writer.rowsFinished(0, 0, y + 1);
				}
				writer.commit();
				report("float32 8192 x 8192 " + (deflate ? "deflate" : "raw"), 4L * side * side, start, writer
					.peakBufferedBytes());
				System.out.printf("  file %.1f MB%n", Files.size(file) / 1e6);
			}
			Files.delete(file);
		}
	}

	private static void report(final String what, final long bytes, final long start, final long buffered) {
		final double s = (System.nanoTime() - start) / 1e9;
		System.out.printf("TiledTiffWriter %s: %.1f MB in %.2f s, %.0f MB/s (filling the image included), " +
			"peak buffer %.1f MB%n", what, bytes / 1e6, s, bytes / 1e6 / s, buffered / 1e6);
	}
}
