package org.restorej.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import ij.CompositeImage;
import ij.ImagePlus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.io.OutputExistsException;
import org.restorej.restore.TestImages;

/** ImageJ images to planes and back, and TIFF files written whole or not at all. */
class RestoredImagesTest {

	@TempDir
	Path dir;

	@Test
	void titlesAreSuffixedBeforeTheExtension() {
		assertEquals("cells-restored.tif", RestoredImages.title("cells.tif"));
		assertEquals("stack-restored", RestoredImages.title("stack"));
		assertEquals("a.b.c-restored.tiff", RestoredImages.title("a.b.c.tiff"));
		assertEquals("image-restored", RestoredImages.title(""));
	}

	@Test
	void rgbIsSplitIntoThreeChannelsAndMergedBack() {
		final ImagePlus rgb = TestImages.rgb("c.tif", 7, 5, 1);
		final ImagePlanes planes = ImagePlanes.of(rgb);
		assertEquals(new ImageLayout(7, 5, 3, 1, 1, PixelKind.UINT8), planes.layout());
		final ImagePlus back = RestoredImages.create(TestImages.calibrated(rgb), planes, "note");
		assertEquals(ImagePlus.COLOR_RGB, back.getType());
		assertArrayEquals((int[]) rgb.getProcessor().getPixels(), (int[]) back.getProcessor().getPixels());
		assertTrue(back.getInfoProperty().endsWith("note"));
	}

	@Test
	void floatOutputOfAnRgbImageIsAComposite() {
		final ImagePlus rgb = TestImages.rgb("c.tif", 6, 4, 2);
		final List<Object> floats = new ArrayList<>();
		for (int c = 0; c < 3; c++)
			floats.add(new float[24]);
		final ImagePlus out = RestoredImages.create(rgb, new ImagePlanes(new ImageLayout(6, 4, 3, 1, 1,
			PixelKind.FLOAT32), floats), "");
		assertTrue(out instanceof CompositeImage);
		assertEquals(3, out.getNChannels());
		assertEquals(CompositeImage.COMPOSITE, ((CompositeImage) out).getMode());
	}

	@Test
	void hyperstacksKeepTheirDimensionsCalibrationAndSliceLabels() {
		final ImagePlus in = TestImages.calibrated(TestImages.hyperstack16("h.tif", 5, 4, 2, 3, 2));
		final ImagePlus out = RestoredImages.create(in, ImagePlanes.of(in), "");
		assertEquals(List.of(2, 3, 2), List.of(out.getNChannels(), out.getNSlices(), out.getNFrames()));
		assertTrue(out.isHyperStack());
		assertEquals(0.3, out.getCalibration().pixelHeight);
		assertEquals(2, out.getCalibration().frameInterval);
		assertEquals("plane 7", out.getStack().getSliceLabel(7));
	}

	@Test
	void anEmptyImageIsRefused() {
		assertTrue(assertThrows(InvalidImageException.class, () -> ImagePlanes.of(new ImagePlus())).getMessage()
			.contains("No image to restore"));
	}

	@Test
	void tiffsAreWrittenUnderTheirNameOnlyWhenCompleteAndNotOverAnExistingFile() throws Exception {
		final Path out = dir.resolve("o.tif");
		TiffFiles.save(TestImages.hyperstack16("h.tif", 8, 8, 1, 3, 1), out, false);
		assertEquals(3, TiffFiles.open(out).getNSlices());
		final long size = Files.size(out);
		assertThrows(OutputExistsException.class, () -> TiffFiles.save(TestImages.grey8("g.tif", 4, 4, 1), out,
			false));
		assertEquals(size, Files.size(out));
		TiffFiles.save(TestImages.grey8("g.tif", 4, 4, 1), out, true);
		assertEquals(8, TiffFiles.open(out).getBitDepth());
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(List.of(out), s.toList(), "no temporary file left");
		}
	}

	@Test
	void unreadableFilesAreReportedNotShownInADialog() throws Exception {
		final Path bad = dir.resolve("bad.tif");
		Files.write(bad, new byte[] { 'M', 'M', 0, 42, 0, 0, 0, 8, 0 });
		final InvalidImageException e = assertThrows(InvalidImageException.class, () -> TiffFiles.open(bad));
		assertTrue(e.getMessage().contains("Cannot read " + bad), e.getMessage());
		assertFalse(TiffFiles.isTiff(dir.resolve("notes.txt")));
	}
}
