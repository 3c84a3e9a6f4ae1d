package org.restorej.tiff.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

import org.restorej.export.ModelExporter;
import org.restorej.tiff.SampleType;

/**
 * How fast {@link TiledTiffWriter} writes on this machine: a 16384² uint16 image and 8192² float32 images, raw
 * and deflated, filled in row order (filling included), with the peak buffer. A benchmark, not a test (timings
 * on a shared machine prove nothing); it writes about 1 GB. Run on the test class path after
 * {@code mvn -q package -DskipTests}: {@code java -cp "target/test-classes:target/classes:target/lib/*"
 * org.restorej.tiff.write.TiffWriteBenchmark [DIR]}.
 */
public final class TiffWriteBenchmark {

	private TiffWriteBenchmark() {}

	public static void main(final String[] args) throws IOException {
		final Path dir = args.length > 0 ? Files.createDirectories(Path.of(args[0])) : Files.createTempDirectory(
			"restorej-tiff-write");
		try {
			uint16(dir.resolve("large.tif"), 16384);
			for (final boolean deflate : new boolean[] { false, true })
				float32(dir.resolve("float-" + deflate + ".tif"), 8192, deflate);
		}
		finally {
			if (args.length == 0) ModelExporter.deleteRecursively(dir);
		}
	}

	private static void uint16(final Path file, final int side) throws IOException {
		final long start = System.nanoTime();
		try (TiledTiffWriter<UnsignedShortType> writer = TiledTiffWriter.create(file, TiffOutputSpec.of(side, side, 1,
			1, 1, SampleType.UINT16)))
		{
			final RandomAccess<UnsignedShortType> a = writer.output().randomAccess();
			for (int y = 0; y < side; y++) {
				a.setPosition(new long[] { 0, y, 0, 0, 0 });
				for (int x = 0; x < side; x++) {
					a.get().set((x + y) & 0xFFFF);
					a.fwd(0);
				}
				if (y % 100 == 99) writer.rowsFinished(0, 0, y + 1);
			}
			writer.commit();
			report("uint16 " + side + " x " + side + " raw", 2L * side * side, start, writer.peakBufferedBytes(), file);
		}
		Files.delete(file);
	}

	private static void float32(final Path file, final int side, final boolean deflate) throws IOException {
		final long start = System.nanoTime();
		try (TiledTiffWriter<FloatType> writer = TiledTiffWriter.create(file, TiffOutputSpec.of(side, side, 1, 1, 1,
			SampleType.FLOAT32).withDeflate(deflate)))
		{
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
			report("float32 " + side + " x " + side + " " + (deflate ? "deflate" : "raw"), 4L * side * side, start,
				writer.peakBufferedBytes(), file);
		}
		Files.delete(file);
	}

	private static void report(final String what, final long bytes, final long start, final long buffered,
		final Path file) throws IOException
	{
		final double s = (System.nanoTime() - start) / 1e9;
		System.out.printf("TiledTiffWriter %s: %.1f MB in %.2f s, %.0f MB/s (filling the image included), " +
			"peak buffer %.1f MB, file %.1f MB%n", what, bytes / 1e6, s, bytes / 1e6 / s, buffered / 1e6, Files.size(
				file) / 1e6);
	}
}
