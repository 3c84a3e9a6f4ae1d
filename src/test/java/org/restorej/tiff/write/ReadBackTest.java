package org.restorej.tiff.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.io.TempDir;
import org.restorej.ExternalReaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.restorej.io.Npy;
import org.restorej.io.NpyArray;
import org.restorej.tiff.PixelCalibration;
import org.restorej.tiff.SampleType;

/**
 * Files of every layout the writer makes, read back by tifffile and GDAL: every pixel, the tags that
 * describe the layout, and ImageJ's metadata as tifffile parses it.
 */
class ReadBackTest {

	@TempDir
	Path dir;

	static final PixelCalibration MICRONS = new PixelCalibration(0.25, 0.25, 2, 0, "micron");
	static final PixelCalibration SECONDS = new PixelCalibration(0.5, 0.5, 1, 0.75, "\u00B5m");

	static Stream<Arguments> layouts() {
		final ByteOrder le = ByteOrder.LITTLE_ENDIAN, be = ByteOrder.BIG_ENDIAN;
		return Stream.of(
			// name, spec
			Arguments.of("uint8 grey, edge tiles", TiffOutputSpec.of(70, 45, 1, 1, 1, SampleType.UINT8).withTileSize(16)),
			Arguments.of("uint16 3 samples, deflate, big-endian", TiffOutputSpec.of(300, 257, 3, 1, 1, SampleType.UINT16)
				.withChannelsAsSamples(true).withTileSize(64).withDeflate(true).withByteOrder(be)),
			Arguments.of("float32 2 channel pages, Z and T, deflate, calibrated", TiffOutputSpec.of(70, 45, 2, 3, 2,
				SampleType.FLOAT32).withTileSize(32).withDeflate(true).withCalibration(MICRONS)),
			Arguments.of("uint8 RGB, deflate, big-endian", TiffOutputSpec.of(300, 257, 3, 1, 1, SampleType.UINT8)
				.withChannelsAsSamples(true).withTileSize(16).withDeflate(true).withByteOrder(be)),
			Arguments.of("uint16 4 samples, Z", TiffOutputSpec.of(70, 45, 4, 2, 1, SampleType.UINT16)
				.withChannelsAsSamples(true).withTileSize(16)),
			Arguments.of("float32 time series, big-endian", TiffOutputSpec.of(300, 257, 1, 1, 3, SampleType.FLOAT32)
				.withByteOrder(be).withCalibration(SECONDS)),
			Arguments.of("uint16 hyperstack, big-endian, deflate", TiffOutputSpec.of(70, 45, 2, 2, 2, SampleType.UINT16)
				.withTileSize(16).withByteOrder(be).withDeflate(true).withCalibration(MICRONS)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("layouts")
	void tifffileAndGdalReadEveryPixel(final String name, final TiffOutputSpec spec) throws IOException {
		final String python = ExternalReaders.python(ExternalReaders.TIFFFILE, ExternalReaders.GDAL);
		final Path file = dir.resolve("out.tif");
		try (TiledTiffWriter<?> writer = TiledTiffWriter.create(file, spec)) {
			TestImages.writeRows(writer);
			writer.commit();
		}
		final Path npy = dir.resolve("pixels.npy");
		final JsonObject seen = JsonParser.parseString(PythonReaders.script(python, dir, "read_back.py", file.toString(), npy
			.toString())).getAsJsonObject();

		assertEquals(spec.pages(), seen.get("pages").getAsInt());
		assertTrue(seen.get("bigtiff").getAsBoolean());
		assertEquals(spec.byteOrder() == ByteOrder.BIG_ENDIAN ? ">" : "<", seen.get("byteorder").getAsString());
		assertTrue(seen.get("tiled").getAsBoolean());
		assertEquals(spec.tileSize(), seen.getAsJsonArray("tile").get(0).getAsInt());
		assertEquals(spec.deflate() ? 8 : 1, seen.get("compression").getAsInt());
		final boolean rgb = spec.channelsAsSamples() && spec.channels() == 3 && spec.sampleType() == SampleType.UINT8;
		assertEquals(rgb ? 2 : 1, seen.get("photometric").getAsInt());
		assertEquals(spec.samplesPerPixel(), seen.get("samples").getAsInt());
		assertEquals(spec.samplesPerPixel() - (rgb ? 3 : 1), seen.getAsJsonArray("extrasamples").size());
		assertEquals(switch (spec.sampleType()) {
			case UINT8 -> "uint8";
			case UINT16 -> "uint16";
			case FLOAT32 -> "float32";
		}, seen.get("dtype").getAsString());
		assertTrue(seen.get("gdal_first_page_equal").getAsBoolean(), "GDAL reads the first page as tifffile does");

		final JsonObject ij = seen.getAsJsonObject("imagej");
		assertEquals("1.54p", ij.get("ImageJ").getAsString());
		final int channels = spec.channelsAsSamples() ? 1 : spec.channels();
		assertEquals(spec.pages(), ij.has("images") ? ij.get("images").getAsInt() : 1);
		assertEquals(channels, ij.has("channels") ? ij.get("channels").getAsInt() : 1);
		assertEquals(spec.slices(), ij.has("slices") ? ij.get("slices").getAsInt() : 1);
		assertEquals(spec.frames(), ij.has("frames") ? ij.get("frames").getAsInt() : 1);
		final PixelCalibration cal = spec.calibration();
		if (cal.calibrated()) {
			assertEquals(cal.unit(), ij.get("unit").getAsString().replace("\\u00B5", "\u00B5"));
			final double[] xres = { seen.getAsJsonArray("xres").get(0).getAsDouble(), seen.getAsJsonArray("xres").get(1)
				.getAsDouble() };
			assertEquals(1 / cal.pixelWidth(), xres[0] / xres[1], 1e-6);
			assertEquals(1, seen.get("resunit").getAsInt());
			if (cal.pixelDepth() != 1) assertEquals(cal.pixelDepth(), ij.get("spacing").getAsDouble());
			if (cal.frameInterval() != 0) assertEquals(cal.frameInterval(), ij.get("finterval").getAsDouble());
		}
		else {
			assertTrue(seen.get("xres").isJsonNull());
			assertNull(ij.get("unit"));
		}

		final NpyArray pixels = Npy.read(npy);
		final int samples = spec.samplesPerPixel();
		final long[] shape = samples == 1 ? new long[] { spec.pages(), spec.height(), spec.width() } : new long[] { spec
			.pages(), spec.height(), spec.width(), samples };
		assertArrayEquals(shape, pixels.shape());
		final double[] v = pixels.values();
		int i = 0;
		for (int page = 0; page < spec.pages(); page++) {
			final int plane = spec.channelsAsSamples() ? page : page / spec.channels();
			final int z = plane % spec.slices(), t = plane / spec.slices();
			for (long y = 0; y < spec.height(); y++)
				for (long x = 0; x < spec.width(); x++)
					for (int s = 0; s < samples; s++, i++) {
						final int c = spec.channelsAsSamples() ? s : page % spec.channels();
						final double expected = TestImages.value(spec.sampleType(), x, y, c, z, t);
						if (v[i] != expected) assertEquals(expected, v[i], "page " + page + " x " + x + " y " + y + " sample " + s);
					}
		}
	}
}
