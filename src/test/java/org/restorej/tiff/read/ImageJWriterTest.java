package org.restorej.tiff.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.RealType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import org.restorej.tiff.SampleType;

/** Files saved by ImageJ 1 itself (FileSaver) read back with their pixels, C/Z/T and calibration. */
class ImageJWriterTest {

	private static final int W = 61, H = 29;

	@TempDir
	Path dir;

	@Test
	void eightSixteenAndThirtyTwoBitPlanes() {
		for (final int bits : new int[] { 8, 16, 32 }) {
			final ImagePlus imp = new ImagePlus("plane", plane(bits, 0));
			final TiffImageInfo info = saveAndCompare(imp, "plane" + bits);
			assertEquals(bits == 8 ? SampleType.UINT8 : bits == 16 ? SampleType.UINT16 : SampleType.FLOAT32, info
				.sampleType());
			assertEquals(1, info.channels() * info.slices() * info.frames());
			assertFalse(info.calibration().calibrated());
		}
	}

	@Test
	void rgbBecomesThreeChannels() {
		final ColorProcessor rgb = new ColorProcessor(W, H);
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				rgb.set(x, y, (x * 4 & 0xFF) << 16 | (y * 8 & 0xFF) << 8 | (x + y) & 0xFF);
		final Path file = dir.resolve("rgb.tif");
		assertTrue(new FileSaver(new ImagePlus("rgb", rgb)).saveAsTiff(file.toString()));
		try (TiffImage tiff = TiffImage.open(file)) {
			assertEquals(3, tiff.info().channels());
			assertTrue(tiff.info().channelsAsSamples());
			final RandomAccess<? extends RealType<?>> a = tiff.<net.imglib2.type.numeric.integer.UnsignedByteType> image()
				.randomAccess();
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++) {
					final int v = rgb.get(x, y);
					for (int c = 0; c < 3; c++)
						assertEquals(v >> (16 - 8 * c) & 0xFF, (int) a.setPositionAndGet(x, y, c, 0, 0).getRealDouble(),
							"channel " + c + " at " + x + "," + y);
				}
		}
	}

	@Test
	void zStackBecomesSlices() {
		final ImageStack stack = new ImageStack(W, H);
		for (int z = 0; z < 5; z++)
			stack.addSlice(plane(16, z));
		final TiffImageInfo info = saveAndCompare(new ImagePlus("stack", stack), "stack");
		assertEquals(1, info.channels());
		assertEquals(5, info.slices());
		assertEquals(1, info.frames());
	}

	@Test
	void hyperstackKeepsChannelsSlicesFramesAndCalibration() {
		final int c = 2, z = 3, t = 4;
		final ImageStack stack = new ImageStack(W, H);
		for (int i = 0; i < c * z * t; i++)
			stack.addSlice(plane(32, i));
		final ImagePlus imp = new ImagePlus("hyper", stack);
		imp.setDimensions(c, z, t);
		imp.setOpenAsHyperStack(true);
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.25;
		cal.pixelHeight = 0.5;
		cal.pixelDepth = 2;
		cal.frameInterval = 1.5;
		cal.setUnit("\u00B5m");
		final TiffImageInfo info = saveAndCompare(imp, "hyper");
		assertEquals(c, info.channels());
		assertEquals(z, info.slices());
		assertEquals(t, info.frames());
		assertFalse(info.channelsAsSamples());
		assertEquals(0.25, info.calibration().pixelWidth(), 1e-9);
		assertEquals(0.5, info.calibration().pixelHeight(), 1e-9);
		assertEquals(2, info.calibration().pixelDepth(), 1e-12);
		assertEquals(1.5, info.calibration().frameInterval(), 1e-12);
		assertEquals("\u00B5m", info.calibration().unit());
		assertTrue(info.calibration().calibrated());
	}

	/** Saves {@code imp} with FileSaver, reads it back and compares every pixel of every plane (czt order). */
	private TiffImageInfo saveAndCompare(final ImagePlus imp, final String name) {
		final Path file = dir.resolve(name + ".tif");
		assertTrue(new FileSaver(imp).saveAsTiff(file.toString()));
		try (TiffImage tiff = TiffImage.open(file)) {
			final TiffImageInfo info = tiff.info();
			assertEquals(W, info.width());
			assertEquals(H, info.height());
			final RandomAccess<? extends RealType<?>> a = tiff.<net.imglib2.type.numeric.real.FloatType> image()
				.randomAccess();
			for (int t = 0; t < info.frames(); t++)
				for (int z = 0; z < info.slices(); z++)
					for (int c = 0; c < info.channels(); c++) {
						final int index = imp.getStackIndex(c + 1, z + 1, t + 1);
						final ImageProcessor ip = imp.getStack().getProcessor(index);
						for (int y = 0; y < H; y++)
							for (int x = 0; x < W; x++)
								assertEquals(ip.getf(x, y), a.setPositionAndGet(x, y, c, z, t).getRealDouble(), 0, name +
									" at " + x + "," + y + ", c" + c + " z" + z + " t" + t);
					}
			return info;
		}
	}

	private static ImageProcessor plane(final int bits, final int index) {
		final ImageProcessor ip = switch (bits) {
			case 8 -> new ByteProcessor(W, H);
			case 16 -> new ShortProcessor(W, H);
			default -> new FloatProcessor(W, H);
		};
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				ip.setf(x, y, switch (bits) {
					case 8 -> (x * 3 + y * 5 + index * 11) & 0xFF;
					case 16 -> (x * 997 + y * 131 + index * 7919) & 0xFFFF;
					default -> (x - 30.5f) * 0.37f + y * y * -1.25f + index * 1000.125f;
				});
		return ip;
	}
}
