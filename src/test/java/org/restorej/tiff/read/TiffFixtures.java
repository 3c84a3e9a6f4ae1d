package org.restorej.tiff.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.restorej.io.NpyArray;

/** The fixtures of src/test/resources/tiff (see its README.md) and comparisons against their .npy. */
final class TiffFixtures {

	private TiffFixtures() {}

	static Path dir() {
		try {
			return Paths.get(TiffFixtures.class.getResource("/tiff/fixtures.json").toURI()).getParent();
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	static Path file(final String name) {
		return dir().resolve(name);
	}

	/** fixtures.json: one object per fixture (file, expected, channels, slices, frames, sampleType, ...). */
	static JsonArray manifest() {
		return json("fixtures.json").getAsJsonArray();
	}

	static JsonObject geotiff() {
		return json("geotiff.json").getAsJsonObject();
	}

	private static com.google.gson.JsonElement json(final String name) {
		try {
			return JsonParser.parseString(Files.readString(file(name)));
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Asserts that the 5D image equals {@code expected} of shape (T, Z, C, Y, X) in every pixel. */
	static void assertEveryPixel(final NpyArray expected, final RandomAccessibleInterval<? extends RealType<?>> xyczt,
		final String what)
	{
		final long[] dims = xyczt.dimensionsAsLongArray();
		assertArrayEquals(new long[] { dims[4], dims[3], dims[2], dims[1], dims[0] }, expected.shape(), what + ": shape");
		// flat iteration runs X fastest, then Y, C, Z, T: the .npy's C order
		final Cursor<? extends RealType<?>> c = Views.flatIterable(xyczt).cursor();
		final double[] values = expected.values();
		for (int i = 0; i < values.length; i++) {
			final double v = c.next().getRealDouble();
			if (v != values[i]) {
				c.localize(dims);
				assertEquals(values[i], v, what + " at (x, y, c, z, t) = " + java.util.Arrays.toString(dims));
			}
		}
	}
}
