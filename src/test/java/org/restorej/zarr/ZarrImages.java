package org.restorej.zarr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.restorej.tiff.SampleType;

/** Small OME-Zarr images (y, x; 2 x 2 chunks of 8 x 8) made in the tests, and a read of every pixel. */
final class ZarrImages {

	private ZarrImages() {}

	/** A 16 x 16 uint16 image under {@code root}, pixel (x, y) = 100 + 16 y + x, its array in "0". */
	static Path write(final Path root, final Compressor compressor) {
		new Multiscales(List.of(new Multiscales.Axis("y", "space", ""), new Multiscales.Axis("x", "space", "")), List.of(
			new Multiscales.Level("0", new double[] { 1, 1 }))).write(root, root.getFileName().toString());
		final ZarrArray a = ZarrArray.create(root.resolve("0"), new long[] { 16, 16 }, new int[] { 8, 8 },
			SampleType.UINT16, compressor);
		for (int cy = 0; cy < 2; cy++)
			for (int cx = 0; cx < 2; cx++) {
				final short[] chunk = new short[64];
				for (int y = 0; y < 8; y++)
					for (int x = 0; x < 8; x++)
						chunk[y * 8 + x] = (short) (100 + 16 * (cy * 8 + y) + cx * 8 + x);
				a.writeChunk(new long[] { cy, cx }, chunk);
			}
		return root;
	}

	/** Changes {@code key} of the JSON file {@code file} to {@code value} (a JSON text). */
	static void edit(final Path file, final String key, final String value) throws IOException {
		final JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
		o.add(key, JsonParser.parseString(value));
		Files.writeString(file, o.toString());
	}

	/**
	 * Opens the image and reads every pixel, or of an image declared larger than 64 x 64 (missing chunks
	 * read as the fill value) its first 64 x 64; returns their sum.
	 */
	static double readAll(final Path root) {
		double sum = 0;
		try (OmeZarrImage image = OmeZarrImage.open(root, 1 << 20)) {
			final RandomAccessibleInterval<? extends RealType<?>> all = image.image();
			final long[] max = all.maxAsLongArray();
			for (int d = 0; d < 2; d++)
				max[d] = Math.min(max[d], 63);
			final Cursor<? extends RealType<?>> c = Views.flatIterable(Views.interval(all, new long[max.length], max))
				.cursor();
			while (c.hasNext())
				sum += c.next().getRealDouble();
		}
		return sum;
	}
}
