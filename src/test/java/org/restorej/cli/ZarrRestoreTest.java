package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.cli.CommandLineTest.Run;
import org.restorej.restore.SmallModels;
import org.restorej.restore.StreamedTiffs;
import org.restorej.tiff.read.TiffImage;
import org.restorej.zarr.OmeZarrImage;
import org.restorej.zarr.OmeZarrWriter;
import org.restorej.zarr.ZarrOutputSpec;

/**
 * {@code restorej restore} with OME-Zarr on either side: the same pixels as the TIFF to TIFF restore,
 * the calibration carried over, folders holding .zarr images, and an existing output refused.
 */
class ZarrRestoreTest {

	@TempDir
	Path dir;

	private Run restore(final String... files) {
		final String[] args = new String[7 + files.length];
		System.arraycopy(new String[] { "restore", "--model", SmallModels.grey().toString(), "--tile", "32", "--halo",
			"8" }, 0, args, 0, 7);
		System.arraycopy(files, 0, args, 7, files.length);
		return CommandLineTest.run(args);
	}

	/** The TIFF's pixels as an OME-Zarr image with chunks of 16 (they cross the engine's tiles), calibration kept. */
	private Path asZarr(final Path tif, final String name) throws Exception {
		final Path zarr = dir.resolve(name);
		try (TiffImage in = TiffImage.open(tif)) {
			final var info = in.info();
			try (OmeZarrWriter<UnsignedShortType> w = OmeZarrWriter.create(zarr, ZarrOutputSpec.of(info.width(), info
				.height(), info.channels(), info.slices(), info.frames(), info.sampleType()).withCalibration(info
					.calibration()).withChunk(16))) {
				LoopBuilder.setImages(in.<UnsignedShortType> image(), w.output()).forEachPixel((a, b) -> b.set(a));
				w.commit();
			}
		}
		return zarr;
	}

	@Test
	void tiffToZarrAndZarrToTiffGiveTheTiffRestoresPixelsAndCalibration() throws Exception {
		final Path tif = StreamedTiffs.write(dir.resolve("scene.tif"), 150, 110, ByteOrder.LITTLE_ENDIAN);
		final Path viaTiff = dir.resolve("restored.tif"), intoZarr = dir.resolve("restored.zarr");
		assertEquals(0, restore(tif.toString(), viaTiff.toString()).exitCode());
		final Run r = restore(tif.toString(), intoZarr.toString());
		assertEquals(0, r.exitCode(), r.err());
		final Path zarrIn = asZarr(tif, "scene.zarr"), fromZarr = dir.resolve("from-zarr.tif");
		final Run back = restore(zarrIn.toString(), fromZarr.toString());
		assertEquals(0, back.exitCode(), back.err());
		try (TiffImage expected = TiffImage.open(viaTiff); OmeZarrImage zarr = OmeZarrImage.open(intoZarr);
			TiffImage fromZarrTif = TiffImage.open(fromZarr))
		{
			StreamedTiffs.assertSamePixels(expected.<FloatType> image(), zarr.<FloatType> image());
			StreamedTiffs.assertSamePixels(expected.<FloatType> image(), fromZarrTif.<FloatType> image());
			assertEquals(expected.info().calibration().pixelWidth(), zarr.info().calibration().pixelWidth(), 1e-12);
			assertEquals(expected.info().calibration().pixelHeight(), zarr.info().calibration().pixelHeight(), 1e-12);
			assertEquals(expected.info().calibration(), zarr.info().calibration(), "NGFF's micrometer is ImageJ's µm");
			assertEquals(expected.info().calibration().pixelWidth(), fromZarrTif.info().calibration().pixelWidth(), 1e-12);
		}
	}

	@Test
	void zarrToZarrKeepsThePixelsOfTheTiffRestore() throws Exception {
		final Path tif = StreamedTiffs.write(dir.resolve("scene.tif"), 150, 110, ByteOrder.LITTLE_ENDIAN);
		final Path viaTiff = dir.resolve("restored.tif"), out = dir.resolve("restored.zarr");
		assertEquals(0, restore(tif.toString(), viaTiff.toString()).exitCode());
		final Run r = restore(asZarr(tif, "scene.zarr").toString(), out.toString());
		assertEquals(0, r.exitCode(), r.err());
		try (TiffImage expected = TiffImage.open(viaTiff); OmeZarrImage zarr = OmeZarrImage.open(out)) {
			StreamedTiffs.assertSamePixels(expected.<FloatType> image(), zarr.<FloatType> image());
		}
	}

	@Test
	void aFolderRestoresItsZarrImagesBesideItsTiffs() throws Exception {
		final Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
		final Path tif = StreamedTiffs.write(in.resolve("a.tif"), 60, 50, ByteOrder.LITTLE_ENDIAN);
		final Path zarr = asZarr(tif, "in/b.zarr");
		final Run r = restore(in.toString(), out.toString());
		assertEquals(0, r.exitCode(), r.err());
		try (var s = Files.list(out)) {
			assertEquals(List.of("a.tif", "b.zarr"), s.map(p -> p.getFileName().toString()).sorted().toList());
		}
		try (TiffImage a = TiffImage.open(out.resolve("a.tif")); OmeZarrImage b = OmeZarrImage.open(out.resolve(
			"b.zarr"))) {
			StreamedTiffs.assertSamePixels(a.<FloatType> image(), b.<FloatType> image());
		}
		assertTrue(Files.isDirectory(zarr), "the input stays");
	}

	@Test
	void anExistingZarrOutputIsRefusedNamingOverwriteAndKept() throws Exception {
		final Path tif = StreamedTiffs.write(dir.resolve("scene.tif"), 60, 50, ByteOrder.LITTLE_ENDIAN);
		final Path out = Files.createDirectories(dir.resolve("exists.zarr"));
		Files.writeString(out.resolve("keep.txt"), "mine");
		final Run r = restore(tif.toString(), out.toString());
		assertEquals(1, Math.min(1, r.exitCode()));
		assertTrue(r.err().contains("exists.zarr") && r.err().contains("--overwrite"), r.err());
		assertEquals("mine", Files.readString(out.resolve("keep.txt")));
		try (var s = Files.list(dir)) {
			assertFalse(s.anyMatch(p -> p.getFileName().toString().contains(".part")), "no temporary folder left");
		}
		final Run replaced = restore("--overwrite", tif.toString(), out.toString());
		assertEquals(0, replaced.exitCode(), replaced.err());
		assertFalse(Files.exists(out.resolve("keep.txt")), "replaced whole");
		try (OmeZarrImage z = OmeZarrImage.open(out)) {
			assertEquals(60, z.info().width());
		}
	}

}
