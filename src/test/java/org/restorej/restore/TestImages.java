package org.restorej.restore;

import java.util.SplittableRandom;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

/** Small ImageJ images with structure (so that restoring them changes something) and a calibration. */
public final class TestImages {

	private TestImages() {}

	/** 16-bit, {@code w x h}, smooth pattern plus noise, values in 1000..40000. */
	public static ImagePlus grey16(final String title, final int w, final int h, final long seed) {
		return new ImagePlus(title, short16(w, h, seed));
	}

	/** 8-bit grey. */
	public static ImagePlus grey8(final String title, final int w, final int h, final long seed) {
		return new ImagePlus(title, short16(w, h, seed).convertToByte(true));
	}

	/** 32-bit float in 0..1. */
	public static ImagePlus float32(final String title, final int w, final int h, final long seed) {
		final FloatProcessor fp = short16(w, h, seed).convertToFloatProcessor();
		fp.multiply(1 / 65535.0);
		return new ImagePlus(title, fp);
	}

	/** RGB whose channels differ. */
	public static ImagePlus rgb(final String title, final int w, final int h, final long seed) {
		final ColorProcessor cp = new ColorProcessor(w, h);
		cp.setRGB((byte[]) short16(w, h, seed).convertToByte(true).getPixels(), (byte[]) short16(w, h, seed + 1)
			.convertToByte(true).getPixels(), (byte[]) short16(w, h, seed + 2).convertToByte(true).getPixels());
		return new ImagePlus(title, cp);
	}

	/** A 16-bit hyperstack of {@code c x z x t} planes, each different. */
	public static ImagePlus hyperstack16(final String title, final int w, final int h, final int c, final int z,
		final int t)
	{
		final ImageStack stack = new ImageStack(w, h);
		for (int i = 0; i < c * z * t; i++)
			stack.addSlice("plane " + (i + 1), short16(w, h, 100 + i));
		final ImagePlus imp = IJ.createHyperStack(title, w, h, c, z, t, 16);
		imp.setStack(stack, c, z, t);
		return imp;
	}

	/** Pixel size 0.25 x 0.3 x 1.5 micron, frame interval 2 s, an origin: all must survive restoration. */
	public static ImagePlus calibrated(final ImagePlus imp) {
		final Calibration cal = new Calibration(imp);
		cal.pixelWidth = 0.25;
		cal.pixelHeight = 0.3;
		cal.pixelDepth = 1.5;
		cal.setUnit("micron");
		cal.frameInterval = 2;
		cal.setTimeUnit("s");
		cal.xOrigin = 3;
		imp.setCalibration(cal);
		return imp;
	}

	private static ShortProcessor short16(final int w, final int h, final long seed) {
		final SplittableRandom r = new SplittableRandom(seed);
		final ShortProcessor sp = new ShortProcessor(w, h);
		final double fx = 0.05 + 0.1 * r.nextDouble(), fy = 0.05 + 0.1 * r.nextDouble();
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				sp.set(x, y, (int) (20000 + 15000 * Math.sin(fx * x) * Math.cos(fy * y) + 2000 * r.nextGaussian()));
		return sp;
	}

	/** Every sample of every plane, as float, in stack order (RGB: r, g, b per plane). */
	public static float[] samples(final ImagePlus imp) {
		final ImageStack s = imp.getStack();
		final int n = imp.getWidth() * imp.getHeight();
		final boolean rgb = imp.getType() == ImagePlus.COLOR_RGB;
		final float[] out = new float[n * s.getSize() * (rgb ? 3 : 1)];
		int k = 0;
		for (int i = 1; i <= s.getSize(); i++) {
			final ImageProcessor ip = s.getProcessor(i);
			if (rgb) {
				final byte[] r = new byte[n], g = new byte[n], b = new byte[n];
				((ColorProcessor) ip).getRGB(r, g, b);
				for (final byte[] ch : new byte[][] { r, g, b })
					for (int j = 0; j < n; j++)
						out[k++] = ch[j] & 0xff;
			}
			else for (int j = 0; j < n; j++)
				out[k++] = ip.getf(j);
		}
		return out;
	}

	/**
	 * Asserts {@code actual} equals {@code expected} up to float32 rounding of the largest value (the
	 * same computation in two processes may sum in another order).
	 */
	public static void assertClose(final float[] expected, final float[] actual, final String what) {
		org.junit.jupiter.api.Assertions.assertEquals(expected.length, actual.length, what + ": sample count");
		double scale = 1;
		for (final float v : expected)
			scale = Math.max(scale, Math.abs(v));
		for (int i = 0; i < expected.length; i++)
			if (Math.abs(expected[i] - actual[i]) > 1e-5 * scale) org.junit.jupiter.api.Assertions.fail(what +
				": sample " + i + " is " + actual[i] + ", expected " + expected[i]);
	}
}
