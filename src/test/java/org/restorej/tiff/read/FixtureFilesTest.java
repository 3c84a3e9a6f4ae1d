package org.restorej.tiff.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.restorej.io.Npy;
import org.restorej.tiff.SampleType;

/**
 * Every fixture written by tifffile or GDAL (strips and tiles; none, Deflate, LZW, PackBits; predictors
 * 1 to 3; TIFF and BigTIFF in both byte orders; chunky and separate samples; pages, an overview to
 * skip, an ImageJ hyperstack) reads as its writer says: shape, storage and every pixel.
 */
class FixtureFilesTest {

	static Stream<String> fixtures() {
		return StreamSupport.stream(TiffFixtures.manifest().spliterator(), false).map(e -> e.getAsJsonObject().get(
			"file").getAsString());
	}

	@ParameterizedTest
	@MethodSource("fixtures")
	void readsWhatTheWriterWrote(final String name) throws IOException {
		final JsonObject expected = entry(name);
		try (TiffImage tiff = TiffImage.open(TiffFixtures.file(name))) {
			final TiffImageInfo info = tiff.info();
			assertEquals(50, info.width());
			assertEquals(37, info.height());
			assertEquals(expected.get("channels").getAsInt(), info.channels(), "channels");
			assertEquals(expected.get("slices").getAsInt(), info.slices(), "slices");
			assertEquals(expected.get("frames").getAsInt(), info.frames(), "frames");
			assertEquals(SampleType.valueOf(expected.get("sampleType").getAsString()), info.sampleType());
			assertEquals(expected.get("compression").getAsInt(), info.compression(), "compression");
			assertEquals(expected.get("tiled").getAsBoolean(), info.tiled(), "tiled");
			assertEquals(expected.get("blockWidth").getAsInt(), info.blockWidth(), "block width");
			assertEquals(expected.get("blockHeight").getAsInt(), info.blockHeight(), "block height");
			assertEquals(expected.get("bigTiff").getAsBoolean(), info.bigTiff(), "BigTIFF");
			assertEquals(expected.get("byteOrder").getAsString().equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN
				: ByteOrder.LITTLE_ENDIAN, info.byteOrder());
			assertEquals(expected.get("channelsAsSamples").getAsBoolean(), info.channelsAsSamples(), "channels as samples");
			assertEquals(info.width() * info.height() * info.channels() * info.slices() * info.frames(), info.pixels());
			assertFalse(info.fields().isEmpty());
			TiffFixtures.assertEveryPixel(Npy.read(TiffFixtures.file(expected.get("expected").getAsString())), tiff
				.image(), name);
		}
	}

	private static JsonObject entry(final String name) {
		for (final JsonElement e : TiffFixtures.manifest())
			if (e.getAsJsonObject().get("file").getAsString().equals(name)) return e.getAsJsonObject();
		throw new IllegalArgumentException(name);
	}
}
