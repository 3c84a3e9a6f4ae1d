package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.GdalGeoTiffs;
import org.restorej.cli.CommandLineTest.Run;
import org.restorej.engine.Axes;
import org.restorej.engine.Restorer;
import org.restorej.engine.device.ModelLoader;
import org.restorej.engine.device.PlacedModel;
import org.restorej.restore.OutputCompression;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.SmallModels;
import org.restorej.restore.StreamedTiffs;
import org.restorej.restore.StreamingMode;
import org.restorej.restore.local.EngineOptions;
import org.restorej.restore.local.LocalImageRestorer;
import org.restorej.restore.local.StreamingPolicy;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.tiff.SampleType;
import org.restorej.tiff.read.TiffImage;

/**
 * {@code restorej restore} on files it streams: tiled BigTIFF in, tiled BigTIFF out, the same pixels
 * as restoring the image in memory, calibration and georeferencing carried over, nothing left behind
 * when the input is broken.
 */
class StreamingRestoreTest {

	private static final Axes XYCZT = Axes.of("XYCZT");

	@TempDir
	Path dir;

	private Path geoInput(final ByteOrder order) throws Exception {
		return StreamedTiffs.write(dir.resolve("scene-" + order + ".tif"), 150, 110, order);
	}

	@Test
	void aBigTiffIsStreamedToTheSamePixelsAsInMemoryWithItsGeoreferencingAndCalibration() throws Exception {
		for (final ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
			final Path in = geoInput(order), out = dir.resolve("restored-" + order + ".tif");
			final Run r = CommandLineTest.run("restore", "--model", SmallModels.grey().toString(), "--tile", "32",
				"--halo", "8", in.toString(), out.toString());
			assertEquals(0, r.exitCode(), r.err());
			try (TiffImage input = TiffImage.open(in); TiffImage restored = TiffImage.open(out);
				PlacedModel model = ModelLoader.load(SmallModels.grey(), ExecutionOptions.cpu(), m -> {}))
			{
				assertTrue(restored.info().bigTiff() && restored.info().tiled(), "streamed outputs are tiled BigTIFF");
				assertEquals(SampleType.FLOAT32, restored.info().sampleType());
				assertEquals(order, restored.info().byteOrder());
				assertEquals(input.info().geoFields(), restored.info().geoFields(), "GeoTIFF entries byte for byte");
				assertEquals(4, restored.info().geoFields().size());
				assertEquals(0.5, restored.info().calibration().pixelWidth(), 1e-9);
				// ImageJ writes and reads the unit "micron" as "µm"
				assertEquals("\u00B5m", restored.info().calibration().unit());
				assertEquals(input.info().calibration(), restored.info().calibration());
				final Img<FloatType> expected = Restorer.of(model).restoreAsFloat(input.<UnsignedShortType> image(),
					XYCZT, EngineOptions.restore(RestoreSettings.parse("tile=32 halo=8"), 150, 110, "scene", RunMonitor.SILENT));
				StreamedTiffs.assertSamePixels(expected, restored.<FloatType> image());
			}
		}
	}

	@Test
	void aGdalGeoTiffKeepsItsGeoreferencingByteForByte() throws Exception {
		final Path in = gdalGeoTiff(), out = restoreGeoTiff(in, "geo-restored.tif");
		try (TiffImage input = TiffImage.open(in); TiffImage restored = TiffImage.open(out)) {
			assertEquals(input.info().geoFields().size(), restored.info().geoFields().size());
			assertTrue(input.info().geoFields().size() >= 5, "scale, tie point, keys, ascii params, nodata, metadata");
			assertEquals(input.info().geoFields(), restored.info().geoFields(), "tag, type, count and value bytes");
			assertTrue(restored.info().compression() != 1, "a compressed input gives a deflated output");
		}
	}

	@Test
	void gdalReadsTheRestoredGeoTiffsGeoreferencingAsTheInputs() throws Exception {
		final Path in = gdalGeoTiff();
		GdalGeoTiffs.assertSameGeoreferencing(in, restoreGeoTiff(in, "geo-restored-for-gdal.tif"));
	}

	private static Path gdalGeoTiff() throws Exception {
		return Path.of(StreamingRestoreTest.class.getResource("/tiff/geotiff_gdal_tiles16_deflate_pred3_f32.tif")
			.toURI());
	}

	private Path restoreGeoTiff(final Path in, final String name) {
		final Path out = dir.resolve(name);
		final Run r = CommandLineTest.run("restore", "--model", SmallModels.grey().toString(), "--tile", "32",
			"--halo", "8", "--normalize", "none", in.toString(), out.toString());
		assertEquals(0, r.exitCode(), r.err());
		return out;
	}

	@Test
	void autoStreamsBigTiffAndLoadsSmallClassicTiffThroughImageJ() throws Exception {
		final Path big = geoInput(ByteOrder.LITTLE_ENDIAN);
		final Path small = dir.resolve("small.tif");
		org.restorej.imagej.TiffFiles.save(org.restorej.restore.TestImages.grey16("small.tif", 40, 30, 1), small, false);
		try (LocalImageRestorer restorer = new LocalImageRestorer(SmallModels.grey())) {
			final StreamingPolicy auto = restorer.streaming(StreamingMode.AUTO,
				OutputCompression.AUTO);
			assertTrue(auto.streams(big));
			assertFalse(auto.streams(small));
			assertTrue(restorer.streaming(StreamingMode.ON, OutputCompression.AUTO).streams(small));
			assertFalse(restorer.streaming(StreamingMode.OFF, OutputCompression.AUTO).streams(
				big));
		}
		try (TiffImage image = TiffImage.open(small)) {
			assertFalse(StreamingMode.tooLargeToLoad(image.info(), 1L << 30));
			// 1200 samples of 2 bytes in, 4 bytes out: more than half of a 10 kB heap
			assertTrue(StreamingMode.tooLargeToLoad(image.info(), 10_000));
		}
	}

	@Test
	void aTruncatedInputFailsWithItsNameAndLeavesNoOutput() throws Exception {
		final Path in = geoInput(ByteOrder.LITTLE_ENDIAN);
		final byte[] bytes = Files.readAllBytes(in);
		final Path cut = dir.resolve("cut.tif");
		// the tiles are written before the directory, which sits at the end: keep the directory, cut tile data
		final byte[] broken = bytes.clone();
		java.util.Arrays.fill(broken, 16, bytes.length / 2, (byte) 0x5A);
		Files.write(cut, broken);
		final Path out = dir.resolve("out");
		Files.createDirectories(out);
		final Run r = CommandLineTest.run("restore", "--model", SmallModels.grey().toString(), "--streaming", "on",
			"--tile", "32", "--halo", "8", cut.toString(), out.resolve("cut.tif").toString());
		assertEquals(1, r.exitCode(), r.err());
		assertTrue(r.err().contains("cut.tif"), r.err());
		try (Stream<Path> s = Files.list(out)) {
			assertEquals(List.of(), s.toList(), "no output, no temporary file");
		}
	}

	@Test
	void streamingRefusesToOverwriteAndNamesTheRemedy() throws Exception {
		final Path in = geoInput(ByteOrder.LITTLE_ENDIAN), out = dir.resolve("o.tif");
		Files.writeString(out, "keep me");
		final Run r = CommandLineTest.run("restore", "--model", SmallModels.grey().toString(), in.toString(), out
			.toString());
		assertEquals(1, r.exitCode());
		assertTrue(r.err().contains("--overwrite"), r.err());
		assertEquals("keep me", Files.readString(out));
	}
}
