package org.restorej.tiff.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.array.NhwcArray;
import org.restorej.engine.Axes;
import org.restorej.engine.RestoreOptions;
import org.restorej.engine.Restorer;
import org.restorej.model.ModelDescription;
import org.restorej.tiff.SampleType;
import org.restorej.tiff.read.TiffImage;

/**
 * The engine restoring straight into the writer (rows streamed to the file as tile rows finish)
 * gives the file the pixels an in-memory restoration gives.
 */
class EngineStreamingTest {

	@TempDir
	Path dir;

	private static final Axes XYCZT = Axes.of("XYCZT");
	/** Small tiles so that an image of 100 x 90 has several tile rows, overlapping and blended. */
	private static final RestoreOptions OPTIONS = RestoreOptions.defaults().withTileSize(32).withHalo(8).withLog(
		message -> {});

	@Test
	void multiChannelModelIntoFloatSamples() throws IOException {
		final Img<UnsignedByteType> input = pattern(100, 90, 3, 2, 2);
		final Restorer restorer = neighbourModel(3);
		final TiffOutputSpec spec = TiffOutputSpec.of(100, 90, 3, 2, 2, SampleType.FLOAT32).withChannelsAsSamples(true)
			.withTileSize(16);
		compare(restorer, input, spec);
	}

	@Test
	void channelByChannelModelIntoUint16Pages() throws IOException {
		// a 1-channel model restores each channel in its own job: the engine runs them in step per plane
		// (T = 2: a 5D input with an axis of size 1 fails in ImgLib2's mirrored block copy, a separate problem)
		final Img<UnsignedByteType> input = pattern(100, 90, 2, 3, 2);
		final TiffOutputSpec spec = TiffOutputSpec.of(100, 90, 2, 3, 2, SampleType.UINT16).withTileSize(16)
			.withDeflate(true);
		compare(neighbourModel(1), input, spec);
	}

	private void compare(final Restorer restorer, final Img<UnsignedByteType> input, final TiffOutputSpec spec)
		throws IOException
	{
		final Path file = dir.resolve("restored.tif");
		long peak;
		try (TiledTiffWriter<?> writer = TiledTiffWriter.create(file, spec)) {
			restorer.restore(input, XYCZT, writer.output(), OPTIONS.withRowsFinished(writer));
			peak = writer.peakBufferedBytes();
			writer.commit();
		}
		// engine tile rows of 32 and TIFF bands of 16: a few bands in flight, never the whole plane
		final long band = 16 * spec.width() * spec.channels() * spec.sampleType().bytes();
		assertTrue(peak <= 4 * band, "peak " + peak + " bytes, band " + band);

		final Img<FloatType> expected = restorer.restoreAsFloat(input, XYCZT, OPTIONS);
		// read back by the project's own reader (the writer's agreement with tifffile and GDAL is ReadBackTest's)
		try (TiffImage tiff = TiffImage.open(file)) {
			final RandomAccessibleInterval<? extends RealType<?>> actual = tiff.image();
			assertArrayEquals(expected.dimensionsAsLongArray(), actual.dimensionsAsLongArray());
			final RandomAccess<? extends RealType<?>> a = actual.randomAccess();
			final Cursor<FloatType> c = expected.localizingCursor();
			long checked = 0;
			while (c.hasNext()) {
				final float v = c.next().get();
				a.setPosition(c);
				final double want = spec.sampleType() == SampleType.FLOAT32 ? v : Math.max(0, Math.min(65535, Math.floor(v +
					0.5)));
				final double got = a.get().getRealDouble();
				if (got != want) assertEquals(want, got, "pixel " + java.util.Arrays.toString(c.positionAsLongArray()));
				checked++;
			}
			assertEquals(spec.pages() * spec.width() * spec.height() * spec.samplesPerPixel(), checked);
		}
	}

	/** Values 0..255 that differ along every axis. */
	private static Img<UnsignedByteType> pattern(final long w, final long h, final long c, final long z,
		final long t)
	{
		final Img<UnsignedByteType> img = ArrayImgs.unsignedBytes(w, h, c, z, t);
		final Cursor<UnsignedByteType> cur = img.localizingCursor();
		while (cur.hasNext()) {
			cur.fwd();
			cur.get().set((int) ((cur.getLongPosition(0) * 3 + cur.getLongPosition(1) * 5 + cur.getLongPosition(2) * 40 +
				cur.getLongPosition(3) * 17 + cur.getLongPosition(4) * 29) % 256));
		}
		return img;
	}

	/**
	 * A "network" mixing each value with its right neighbour in the tile (and scaling it up, so the
	 * 16-bit output is not just the input): the result depends on the tiling, as a real network's does.
	 */
	private static Restorer neighbourModel(final int channels) {
		final ModelDescription model = new ModelDescription(ModelDescription.FORMAT, "neighbour-" + channels, "convnet",
			Map.of(), "test", new ModelDescription.Channels(channels, null), new ModelDescription.Channels(channels,
				null), new ModelDescription.ValueRange(0, 1, 255, "test"), new ModelDescription.Size(8, false,
					"reflect-pad", ""), new ModelDescription.Tiling(32, 8), null, null, null, null);
		return new Restorer(model, tiles -> {
			final NhwcArray o = NhwcArray.zeros(tiles.batch(), tiles.height(), tiles.width(), channels);
			final float[] in = tiles.data(), out = o.data();
			for (int b = 0; b < tiles.batch(); b++)
				for (int y = 0; y < tiles.height(); y++)
					for (int x = 0; x < tiles.width(); x++)
						for (int c = 0; c < channels; c++) {
							final int i = ((b * tiles.height() + y) * tiles.width() + x) * channels + c;
							final int right = x + 1 < tiles.width() ? i + channels : i;
							out[i] = (0.75f * in[i] + 0.25f * in[right]) * 200;
						}
			return o;
		});
	}
}
