package org.restorej.tiff.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.restorej.io.Npy;
import org.restorej.io.NpyArray;
import org.restorej.tiff.InvalidTiffException;
import org.restorej.tiff.SampleType;
import org.restorej.tiff.StoredSampleType;

/**
 * Sample kinds and layouts of {@code src/test/resources/tiff/kinds} (written by tifffile, see
 * {@code make_kinds.py}) through both ways of reading a file: lazy cells ({@link TiffImage}) and whole
 * planes ({@link TiffPlanes}). Signed, 32-bit integer and 64-bit float samples come out as 32-bit float
 * with a note saying so.
 */
class SampleKindsTest {

	@TempDir
	Path dir;

	static Path kind(final String name) {
		return TiffFixtures.dir().resolve("kinds").resolve(name);
	}

	@ParameterizedTest
	@CsvSource({ "int16, INT16, 16-bit signed samples are read as 32-bit float",
		"int32, INT32, 32-bit signed samples are read as 32-bit float (to float precision",
		"float64, FLOAT64, 64-bit float samples are read as 32-bit float (to float precision",
		"tifffile_rgb_f32, FLOAT32, " })
	void kindsReadAsFloatWithANote(final String name, final StoredSampleType stored, final String note)
		throws IOException
	{
		final Path file = kind(name + ".tif");
		final NpyArray expected = Npy.read(kind(name + ".npy"));
		try (TiffImage tiff = TiffImage.open(file)) {
			assertEquals(stored, tiff.info().storedType());
			assertEquals(SampleType.FLOAT32, tiff.info().sampleType());
			if (note == null) assertNull(tiff.info().conversionNote());
			else assertTrue(tiff.info().conversionNote().startsWith("its " + note), tiff.info().conversionNote());
			TiffFixtures.assertEveryPixel(expected, tiff.image(), name + " as cells");
		}
		try (TiffPlanes tiff = TiffPlanes.open(file)) {
			final int c = tiff.info().channels();
			final List<Object> planes = tiff.planes(0, 0);
			assertEquals(c, planes.size());
			final int n = 40 * 32;
			for (int k = 0; k < c; k++)
				for (int i = 0; i < n; i++)
					assertEquals(expected.values()[k * n + i], ((float[]) planes.get(k))[i], name + " plane, channel " + k +
						", sample " + i);
		}
	}

	@Test
	void theInterleavedFloatFileIsThreeChannelsAsSamples() {
		final TiffImageInfo info = TiffImageInfo.read(kind("tifffile_rgb_f32.tif"));
		assertEquals(3, info.channels());
		assertTrue(info.channelsAsSamples());
		assertEquals(1, info.slices() * info.frames());
	}

	@Test
	void everyFixtureLayoutReadsTheSameAsPlanesAndAsCells() throws IOException {
		for (final var f : TiffFixtures.manifest()) {
			final String name = f.getAsJsonObject().get("file").getAsString();
			final NpyArray expected = Npy.read(TiffFixtures.file(f.getAsJsonObject().get("expected").getAsString()));
			try (TiffPlanes tiff = TiffPlanes.open(TiffFixtures.file(name))) {
				final TiffImageInfo info = tiff.info();
				final int n = (int) (info.width() * info.height());
				int at = 0;
				for (int t = 0; t < info.frames(); t++)
					for (int z = 0; z < info.slices(); z++)
						for (final Object plane : tiff.planes(z, t))
							for (int i = 0; i < n; i++, at++)
								assertEquals(expected.values()[at], value(plane, i), name + " value " + at);
				assertEquals(expected.values().length, at, name);
			}
		}
	}

	@Test
	void imageJsMetadataIsRead() {
		try (TiffPlanes tiff = TiffPlanes.open(kind("imagej_labels_u16.tif"))) {
			final ImageJMetadata ij = tiff.imageJ();
			assertEquals(List.of("z0-dapi", "z0-gfp", "z1-dapi", "z1-gfp", "z2-dapi", "z2-gfp"), ij.labels());
			assertEquals("made by make_kinds.py", ij.info());
			assertArrayEquals(new double[] { 100, 50000, 200, 40000 }, ij.ranges());
			assertEquals(2, ij.luts().size());
			assertEquals((byte) 255, ij.luts().get(0)[255], "red ramp in the reds");
			assertEquals(0, ij.luts().get(0)[256 + 255], "no green in the red LUT");
			assertEquals("composite", ij.description().get("mode"));
			assertEquals(0.5, ij.number("spacing"));
		}
	}

	@Test
	void anEmptyFileIsCalledEmpty() throws IOException {
		final Path empty = Files.createFile(dir.resolve("empty.tif"));
		final String m = assertThrows(InvalidTiffException.class, () -> TiffPlanes.open(empty)).getMessage();
		assertTrue(m.startsWith("Cannot read " + empty + ": the file is empty (0 bytes)"), m);
	}

	private static double value(final Object plane, final int i) {
		if (plane instanceof byte[] b) return b[i] & 0xFF;
		if (plane instanceof short[] s) return s[i] & 0xFFFF;
		return ((float[]) plane)[i];
	}
}
