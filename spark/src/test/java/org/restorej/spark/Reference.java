package org.restorej.spark;

import java.io.IOException;
import java.nio.file.Path;

import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.restorej.tiff.SampleType;
import org.restorej.zarr.OmeZarrInfo;
import org.restorej.zarr.OmeZarrWriter;
import org.restorej.zarr.ZarrArray;
import org.restorej.zarr.ZarrOutputSpec;

/** Inputs for the Spark tests, and the comparison of two outputs chunk by chunk, every level. */
final class Reference {

	private Reference() {}

	/** A {@code width x height} 16-bit OME-Zarr image with {@code channels} channels, smooth with noise. */
	static Path input(final Path dir, final long width, final long height, final int channels, final int chunk)
		throws IOException
	{
		final ZarrOutputSpec spec = ZarrOutputSpec.of(width, height, channels, 1, 1, SampleType.UINT16).withChunk(chunk);
		try (OmeZarrWriter<UnsignedShortType> writer = OmeZarrWriter.create(dir, spec)) {
			final java.util.SplittableRandom r = new java.util.SplittableRandom(3);
			final RandomAccess<UnsignedShortType> ra = writer.output().randomAccess();
			for (int c = 0; c < channels; c++)
				for (long y = 0; y < height; y++)
					for (long x = 0; x < width; x++) {
						final double v = 20000 + 15000 * Math.sin(x / 9.0 + c) * Math.cos(y / 13.0) + 3000 * r.nextGaussian();
						ra.setPosition(new long[] { x, y, c, 0, 0 });
						ra.get().set((int) Math.max(0, Math.min(65535, Math.round(v))));
					}
			writer.commit();
		}
		return dir;
	}

	/** {@code restorej restore --model MODEL INPUT OUTPUT OPTIONS}: the single-machine run the cluster's must equal. */
	static void restoreOnOneMachine(final Path model, final Path input, final Path output, final String... options) {
		final java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("restore", "--model", model
			.toString(), input.toString(), output.toString()));
		args.addAll(java.util.List.of(options));
		final int code = org.restorej.cli.Main.execute(args.toArray(String[]::new));
		if (code != 0) throw new AssertionError("restorej restore failed (" + code + "): " + args);
	}

	/** Chunks of any level of {@code a} whose bytes differ from {@code b}'s (or that one of them lacks). */
	static long differingChunks(final Path a, final Path b) {
		final OmeZarrInfo ia = OmeZarrInfo.read(a), ib = OmeZarrInfo.read(b);
		if (ia.levels() != ib.levels() || !ia.axes().equals(ib.axes())) return Long.MAX_VALUE;
		long n = 0;
		for (int level = 0; level < ia.levels(); level++) {
			final ZarrArray x = ZarrArray.open(a.resolve(Integer.toString(level)));
			final ZarrArray y = ZarrArray.open(b.resolve(Integer.toString(level)));
			if (!java.util.Arrays.equals(x.shape(), y.shape())) return Long.MAX_VALUE;
			final long[] grid = x.chunkGrid(), index = new long[grid.length];
			while (true) {
				if (!java.util.Objects.deepEquals(new Object[] { x.readChunk(index) }, new Object[] { y.readChunk(
					index) })) {
					n++;
					System.err.println("chunk " + java.util.Arrays.toString(index) + " of level " + level + " differs");
				}
				int d = grid.length - 1;
				while (d >= 0 && ++index[d] == grid[d])
					index[d--] = 0;
				if (d < 0) break;
			}
		}
		return n;
	}
}
