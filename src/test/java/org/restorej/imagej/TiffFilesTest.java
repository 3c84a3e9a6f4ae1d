package org.restorej.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.io.Opener;
import ij.measure.Calibration;
import ij.process.LUT;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.io.Npy;
import org.restorej.io.OutputExistsException;
import org.restorej.io.OutputFile;
import org.restorej.restore.TestImages;

/**
 * TIFF files to ImageJ images through RestoreJ's reader: for files ImageJ writes, the same ImagePlus
 * ImageJ's own Opener makes (pixels, C/Z/T, calibration, slice labels, Info, display ranges, LUTs); for
 * layouts ImageJ cannot open (interleaved float, BigTIFF, tiles), the image anyway. Writing goes through
 * {@link OutputFile}: nothing under the target's name until complete, never over an existing file
 * unless asked.
 */
class TiffFilesTest {

	@TempDir
	Path dir;

	static Path resource(final String name) {
		try {
			return Paths.get(TiffFilesTest.class.getResource("/tiff/" + name).toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	private ImagePlus savedByImageJ(final String name, final ImagePlus imp) throws IOException {
		final Path p = dir.resolve(name);
		TiffFiles.save(imp, p, false);
		return new Opener().openImage(p.toString());
	}

	@Test
	void filesImageJWroteOpenAsImageJOpensThem() throws IOException {
		final ImagePlus hyper = TestImages.calibrated(TestImages.hyperstack16("h.tif", 30, 20, 2, 3, 2));
		final CompositeImage composite = new CompositeImage(hyper, IJ.COMPOSITE);
		composite.setChannelLut(LUT.createLutFromColor(java.awt.Color.MAGENTA), 1);
		composite.setC(1);
		composite.setDisplayRange(2000, 30000);
		composite.setC(2);
		composite.setDisplayRange(1500, 20000);
		composite.setC(1);
		composite.setProperty("Info", "acquired on scope 3");
		final ImagePlus grey = TestImages.calibrated(TestImages.grey16("g.tif", 33, 21, 5));
		grey.setDisplayRange(3000, 9000);
		for (final ImagePlus imp : List.of(composite, grey, TestImages.grey8("b.tif", 20, 17, 2), TestImages.float32(
			"f.tif", 19, 23, 3), TestImages.rgb("c.tif", 25, 15, 4))) {
			final ImagePlus byImageJ = savedByImageJ(imp.getTitle(), imp);
			final ImagePlus ours = TiffFiles.open(dir.resolve(imp.getTitle()));
			final String what = imp.getTitle();
			assertEquals(byImageJ.getType(), ours.getType(), what + ": type");
			assertArrayEquals(byImageJ.getDimensions(), ours.getDimensions(), what + ": dimensions");
			assertEquals(byImageJ.isHyperStack(), ours.isHyperStack(), what + ": hyperstack");
			assertArrayEquals(TestImages.samples(byImageJ), TestImages.samples(ours), what + ": pixels");
			assertCalibration(byImageJ.getCalibration(), ours.getCalibration(), what);
			for (int n = 1; n <= byImageJ.getStackSize(); n++)
				assertEquals(byImageJ.getStack().getSliceLabel(n), ours.getStack().getSliceLabel(n), what + ": label " + n);
			assertEquals(byImageJ.getInfoProperty(), ours.getInfoProperty(), what + ": Info");
			assertEquals(byImageJ instanceof CompositeImage, ours instanceof CompositeImage, what + ": composite");
			if (byImageJ instanceof CompositeImage a && ours instanceof CompositeImage b) {
				assertEquals(a.getMode(), b.getMode(), what + ": mode");
				for (int c = 1; c <= a.getNChannels(); c++) {
					final LUT la = a.getChannelLut(c), lb = b.getChannelLut(c);
					assertArrayEquals(la.getBytes(), lb.getBytes(), what + ": LUT " + c);
					assertEquals(la.min, lb.min, what + ": min of channel " + c);
					assertEquals(la.max, lb.max, what + ": max of channel " + c);
				}
			}
			else {
				assertEquals(byImageJ.getDisplayRangeMin(), ours.getDisplayRangeMin(), what + ": display min");
				assertEquals(byImageJ.getDisplayRangeMax(), ours.getDisplayRangeMax(), what + ": display max");
			}
		}
	}

	private static void assertCalibration(final Calibration a, final Calibration b, final String what) {
		assertEquals(a.pixelWidth, b.pixelWidth, 1e-9, what + ": pixel width");
		assertEquals(a.pixelHeight, b.pixelHeight, 1e-9, what + ": pixel height");
		assertEquals(a.pixelDepth, b.pixelDepth, 1e-9, what + ": pixel depth");
		assertEquals(a.getUnit(), b.getUnit(), what + ": unit");
		assertEquals(a.frameInterval, b.frameInterval, 1e-9, what + ": frame interval");
		assertEquals(a.getTimeUnit(), b.getTimeUnit(), what + ": time unit");
		assertEquals(a.xOrigin, b.xOrigin, 1e-9, what + ": x origin");
	}

	@Test
	void interleavedFloatFromTifffileOpensAsAThreeChannelImage() throws IOException {
		final Path file = resource("kinds/tifffile_rgb_f32.tif");
		assertNull(new Opener().openImage(file.toString()), "ImageJ 1 cannot open interleaved 32-bit images");
		final ImagePlus imp = TiffFiles.open(file);
		assertEquals(ImagePlus.GRAY32, imp.getType());
		assertArrayEquals(new int[] { 40, 32, 3, 1, 1 }, imp.getDimensions());
		assertInstanceOf(CompositeImage.class, imp);
		assertArrayEquals(Npy.read(resource("kinds/tifffile_rgb_f32.npy")).floats(), TestImages.samples(imp));
	}

	@Test
	void bigTiffAndTiledTiffOpen() throws IOException {
		for (final String name : List.of("bigtiff_bigendian_tiles16_deflate32946_u16", "tiles32_deflate_pred2_u8",
			"gdal_chunky3_tiles16_lzw_pred2_u16")) {
			final ImagePlus imp = TiffFiles.open(resource(name + ".tif"));
			final float[] expected = Npy.read(resource(name + ".npy")).floats();
			assertArrayEquals(expected, TestImages.samples(imp), name);
		}
	}

	@Test
	void anImageJHyperstackWrittenByTifffileKeepsItsMetadata() {
		final ImagePlus imp = TiffFiles.open(resource("kinds/imagej_labels_u16.tif"));
		assertArrayEquals(new int[] { 40, 32, 2, 3, 1 }, imp.getDimensions());
		assertEquals("z1-gfp", imp.getStack().getSliceLabel(4));
		assertEquals("made by make_kinds.py", imp.getInfoProperty());
		assertEquals(0.25, imp.getCalibration().pixelWidth, 1e-9);
		assertEquals(0.5, imp.getCalibration().pixelDepth, 1e-9);
		assertEquals("micron", imp.getCalibration().getUnit());
		final CompositeImage c = assertInstanceOf(CompositeImage.class, imp);
		assertEquals(IJ.COMPOSITE, c.getMode());
		assertEquals(40000, c.getChannelLut(2).max);
		assertEquals(0xff00, c.getChannelLut(2).getRGB(255) & 0xffffff, "the green LUT");
	}

	@Test
	void refusalsNameTheFileAndTheProblem() throws IOException {
		final Path empty = Files.createFile(dir.resolve("empty.tif"));
		final String m = assertThrows(InvalidImageException.class, () -> TiffFiles.open(empty)).getMessage();
		assertTrue(m.contains(empty.toString()) && m.contains("empty (0 bytes)"), m);
		final Path text = dir.resolve("notes.tif");
		Files.writeString(text, "not an image");
		final String t = assertThrows(InvalidImageException.class, () -> TiffFiles.open(text)).getMessage();
		assertTrue(t.contains(text.toString()) && t.contains("byte-order mark"), t);
	}

	@Test
	void savingIsAtomicAndNeverOverAnExistingFileUnlessAsked() throws IOException {
		final Path out = dir.resolve("o.tif");
		try (OutputFile file = OutputFile.create(out, false)) {
			assertEquals(out.toAbsolutePath().getParent(), file.temporary().getParent(), "beside the target");
			Files.write(file.temporary(), new byte[] { 1, 2, 3 });
			assertFalse(Files.exists(out), "nothing under the target's name before the commit");
			file.commit();
		}
		assertArrayEquals(new byte[] { 1, 2, 3 }, Files.readAllBytes(out));
		final OutputExistsException e = assertThrows(OutputExistsException.class, () -> TiffFiles.save(TestImages
			.grey8("x", 4, 4, 1), out, false));
		assertTrue(e.getMessage().contains(out.toString()) && e.getMessage().contains("overwrite"), e.getMessage());
		assertArrayEquals(new byte[] { 1, 2, 3 }, Files.readAllBytes(out), "untouched");
		try (OutputFile file = OutputFile.create(dir.resolve("abandoned.tif"), false)) {
			Files.write(file.temporary(), new byte[10]);
		}
		final Path raced = dir.resolve("raced.tif");
		try (OutputFile file = OutputFile.create(raced, false)) {
			Files.write(file.temporary(), new byte[] { 4 });
			Files.write(raced, new byte[] { 5 }); // another program wrote the target meanwhile
			assertThrows(OutputExistsException.class, file::commit);
		}
		assertArrayEquals(new byte[] { 5 }, Files.readAllBytes(raced), "the other program's file is kept");
		Files.delete(raced);
		TiffFiles.save(TestImages.grey8("x", 4, 4, 1), out, true);
		assertEquals(8, TiffFiles.open(out).getBitDepth());
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(List.of(out), s.toList(), "no temporary file left, nothing written without a commit");
		}
	}

	@Test
	void geoTiffEntriesAddedToImageJsTiffReadBackByteForByteAndImageJStillOpensIt() throws Exception {
		for (final java.nio.ByteOrder order : List.of(java.nio.ByteOrder.LITTLE_ENDIAN, java.nio.ByteOrder.BIG_ENDIAN)) {
			final List<org.restorej.tiff.TiffField> geo = org.restorej.restore.StreamedTiffs.geoFields(order);
			final Path file = dir.resolve("geo-" + order + ".tif");
			final ImagePlus stack = TestImages.calibrated(TestImages.grey16("geo.tif", 33, 21, 9));
			TiffFiles.save(stack, file, false, geo);
			try (org.restorej.tiff.read.TiffImage back = org.restorej.tiff.read.TiffImage.open(file)) {
				assertEquals(geo.stream().map(f -> f.inOrder(back.info().byteOrder())).toList(), back.info().geoFields());
			}
			assertEquals(geo.size(), TiffFiles.geoFields(file).size());
			final ImagePlus imagej = new Opener().openImage(file.toString());
			assertArrayEquals(TestImages.samples(stack), TestImages.samples(imagej), "ImageJ reads the same pixels");
			assertEquals(0.25, imagej.getCalibration().pixelWidth, "and its calibration");
		}
	}
}
