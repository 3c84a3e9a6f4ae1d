package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.Opener;
import ij.process.FloatProcessor;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.cli.CommandLineTest.Run;
import org.restorej.imagej.TiffFiles;
import org.restorej.io.Npy;
import org.restorej.io.NpyArray;
import org.restorej.metrics.Psnr;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.SmallModels;
import org.restorej.restore.TestImages;
import org.restorej.restore.local.LocalImageRestorer;

/**
 * {@code restore} and {@code metrics} on files ImageJ 1 cannot open or opens differently, read by
 * RestoreJ's own reader (fixtures written by tifffile: {@code src/test/resources/tiff}). The expected
 * results restore the fixture's known values ({@code .npy}) as an ImageJ float image, so they do not
 * depend on the reader under test.
 */
class FileKindsCommandTest {

	@TempDir
	Path dir;

	static Path resource(final String name) {
		try {
			return Paths.get(FileKindsCommandTest.class.getResource("/tiff/" + name).toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The values of a (T, Z, C, Y, X) .npy of one plane as a float ImageJ image of C channels. */
	static ImagePlus floatImage(final NpyArray a) {
		final int c = a.dim(2), h = a.dim(3), w = a.dim(4);
		final float[] v = a.floats();
		final ImageStack stack = new ImageStack(w, h);
		for (int k = 0; k < c; k++)
			stack.addSlice(null, new FloatProcessor(w, h, java.util.Arrays.copyOfRange(v, k * w * h, (k + 1) * w * h)));
		final ImagePlus imp = new ImagePlus("expected", stack);
		imp.setDimensions(c, 1, 1);
		return imp;
	}

	private static float[] restoredFromValues(final Path model, final String npy) throws IOException {
		try (LocalImageRestorer local = new LocalImageRestorer(model)) {
			return TestImages.samples(local.restore(floatImage(Npy.read(resource(npy))), RestoreSettings.parse(
				"tile=32 halo=8"), RunMonitor.SILENT));
		}
	}

	@Test
	void aThreeChannelFloatTiffFromTifffileRestoresIntoAnImageJTiff() throws IOException {
		final Path in = Files.copy(resource("kinds/tifffile_rgb_f32.tif"), dir.resolve("rgb.tif"));
		final Path out = dir.resolve("rgb-restored.tif");
		final Run r = CommandLineTest.run("restore", "--model", SmallModels.rgb().toString(), "--tile", "32", "--halo",
			"8", in.toString(), out.toString());
		assertEquals(0, r.exitCode(), r.err());
		final ImagePlus restored = new Opener().openImage(out.toString());
		assertEquals(3, restored.getNChannels(), "ImageJ 1 itself opens the result");
		assertEquals(ImagePlus.GRAY32, restored.getType());
		TestImages.assertClose(restoredFromValues(SmallModels.rgb(), "kinds/tifffile_rgb_f32.npy"), TestImages.samples(
			restored), "rgb.tif");
	}

	/** int16 and int32 are loaded into an ImageJ image; float64, a tiled file, is streamed. */
	@ParameterizedTest
	@CsvSource({ "int16, 16-bit signed", "int32, 32-bit signed", "float64, 64-bit float" })
	void signedAndWideSamplesRestoreAsFloatWithANote(final String kind, final String stored) throws IOException {
		final Path in = Files.copy(resource("kinds/" + kind + ".tif"), dir.resolve(kind + ".tif"));
		final Path out = dir.resolve(kind + "-restored.tif");
		final Run r = CommandLineTest.run("restore", "--model", SmallModels.grey().toString(), "--tile", "32", "--halo",
			"8", "--output-type", "same", in.toString(), out.toString());
		assertEquals(0, r.exitCode(), r.err());
		assertTrue(r.err().contains("note: " + kind + ".tif: its " + stored + " samples are read as 32-bit float"), r
			.err());
		// the tiled float64 file is streamed into a tiled BigTIFF, which ImageJ 1 does not read
		final ImagePlus restored = TiffFiles.open(out);
		assertEquals(ImagePlus.GRAY32, restored.getType(), "the type restored is float");
		TestImages.assertClose(restoredFromValues(SmallModels.grey(), "kinds/" + kind + ".npy"), TestImages.samples(
			restored), kind);
	}

	@Test
	void anEmptyFileFailsNamingTheFileAndTheProblem() throws IOException {
		final Path empty = Files.createFile(dir.resolve("empty.tif"));
		final Run r = CommandLineTest.run("restore", "--model", SmallModels.grey().toString(), empty.toString(), dir
			.resolve("o.tif").toString());
		assertEquals(1, r.exitCode());
		assertTrue(r.err().contains("Cannot read " + empty + ": the file is empty (0 bytes)"), r.err());
		assertFalse(r.err().contains("(null)"), r.err());
		assertFalse(Files.exists(dir.resolve("o.tif")));
	}

	@Test
	void metricsReadsBigTiffAndTiledTiff() throws IOException {
		final String test = "bigtiff_bigendian_tiles16_deflate32946_u16", reference = "tiles16_none_u16";
		final Run r = CommandLineTest.run("metrics", resource(test + ".tif").toString(), resource(reference + ".tif")
			.toString());
		assertEquals(0, r.exitCode(), r.err());
		final double psnr = Psnr.of(Npy.read(resource(reference + ".npy")).floats(), Npy.read(resource(test + ".npy"))
			.floats(), 65535);
		assertTrue(r.out().contains(String.format(Locale.ROOT, "PSNR %.4f dB", psnr)), r.out() + " vs " + psnr);
		assertTrue(r.out().contains("data range 65535"), r.out());
	}
}
