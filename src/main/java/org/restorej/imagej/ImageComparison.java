package org.restorej.imagej;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;

import org.restorej.RestoreJException;
import org.restorej.metrics.Psnr;
import org.restorej.metrics.Ssim;

/**
 * PSNR and SSIM of an ImageJ image against a reference of the same dimensions and type (or 32-bit
 * against 8- or 16-bit grey, compared as float), with the
 * library's {@link Psnr} and {@link Ssim} (which agree with scikit-image). Each plane of each channel
 * (an RGB image's red, green and blue; a stack's slices and frames) is measured on its own; the
 * whole image's PSNR is over every value and its SSIM the mean over those planes, so that for one
 * plane of one or more channels they are the library's {@code Psnr.of} and {@code Ssim.of}. The one
 * front end of the metrics: {@code restorej metrics TEST REFERENCE}, Compare Images and
 * {@code Ext.compare(test, reference, ...)} all call {@link #compare}, test first, with the same defaults.
 */
public final class ImageComparison {

	/** One channel of one plane; {@code channel} is 1-based, or the colour for RGB. */
	public record Row(String channel, int slice, int frame, double psnr, double ssim) {}

	/** @param psnr over every value of the image, dB; @param ssim the mean of the rows' */
	public record Result(double dataRange, List<Row> rows, double psnr, double ssim) {}

	/** The defaults of every front end: the command line, Compare Images and Ext.compare. */
	public static final String DEFAULT_RANGE = "auto", DEFAULT_WINDOW = "papers";

	private static final String[] RGB = { "red", "green", "blue" };

	private ImageComparison() {}

	/**
	 * The span of possible values: {@code auto} is 255 for 8-bit and RGB, 65535 for 16-bit, and for
	 * 32-bit the reference's maximum minus its minimum; otherwise the given number.
	 */
	static double dataRange(final ImagePlus reference, final String range) {
		final String r = range == null || range.isBlank() ? DEFAULT_RANGE : range.trim();
		if (!r.equalsIgnoreCase("auto")) {
			try {
				final double v = Double.parseDouble(r);
				if (v > 0 && Double.isFinite(v)) return v;
			}
			catch (final NumberFormatException e) {
				// refused below with the forms it may take
			}
			throw new RestoreJException("Data range '" + range + "' cannot be used: give auto or a positive number " +
				"(e.g. 255, 65535, or 1 for data in [0, 1]).");
		}
		return switch (reference.getBitDepth()) {
			case 8, 24 -> 255;
			case 16 -> 65535;
			default -> floatRange(reference);
		};
	}

	/**
	 * @param range {@code auto} or a number, see {@link #dataRange}
	 * @throws RestoreJException if the images differ in size, dimensions or type, or the range is unusable
	 */
	public static Result compare(final ImagePlus test, final ImagePlus reference, final String range,
		final Ssim.Options ssim)
	{
		requireSame(test, reference);
		final double dataRange = dataRange(reference, range);
		final ImageStack t = test.getStack(), r = reference.getStack();
		final List<Row> rows = new ArrayList<>();
		double squaredErrors = 0, ssimSum = 0;
		long values = 0;
		for (int frame = 1; frame <= reference.getNFrames(); frame++)
			for (int slice = 1; slice <= reference.getNSlices(); slice++)
				for (int c = 1; c <= reference.getNChannels(); c++) {
					final int index = reference.getStackIndex(c, slice, frame);
					final ImageProcessor tp = t.getProcessor(index), rp = r.getProcessor(index);
					for (int component = 0; component < rp.getNChannels(); component++) {
						final float[] a = samples(rp, component), b = samples(tp, component);
						final double mse = Psnr.meanSquaredError(a, b);
						final double s = ssim(a, b, rp.getHeight(), rp.getWidth(), dataRange, ssim);
						rows.add(new Row(rp.getNChannels() == 3 ? RGB[component] : Integer.toString(c), slice, frame, Psnr
							.fromMse(mse, dataRange), s));
						squaredErrors += mse * a.length;
						values += a.length;
						ssimSum += s;
					}
				}
		return new Result(dataRange, rows, Psnr.fromMse(squaredErrors / values, dataRange), ssimSum / rows.size());
	}

	private static float[] samples(final ImageProcessor ip, final int component) {
		return (float[]) ip.toFloat(component, null).getPixels();
	}

	private static double ssim(final float[] a, final float[] b, final int h, final int w, final double range,
		final Ssim.Options o)
	{
		try {
			return Ssim.of(a, b, h, w, 1, range, o);
		}
		catch (final IllegalArgumentException e) {
			throw new RestoreJException("Cannot compute SSIM: " + e.getMessage() + ". Compare larger images.");
		}
	}

	private static void requireSame(final ImagePlus test, final ImagePlus reference) {
		if (test == null || reference == null) throw new RestoreJException("Two images are needed: pass test=[title] " +
			"and reference=[title] of open images.");
		final String a = describe(test), b = describe(reference);
		// float32 against an 8- or 16-bit grey image (a float32 restoration, a float32 reference) is compared in
		// float; 8- against 16-bit is refused, as the two scales rarely mean the same values
		final int t = test.getBitDepth(), r = reference.getBitDepth();
		final boolean types = t == r || t == 32 && r != 24 || r == 32 && t != 24;
		if (!shape(test).equals(shape(reference)) || !types) throw new RestoreJException("Cannot compare " + test
			.getTitle() + " (" + a + ") with " + reference.getTitle() + " (" + b + "): the test image and the " +
			"reference must have the same size, channels, slices, frames and type (or one be 32-bit and the other " +
			"8- or 16-bit grey, compared as float).");
	}

	private static String shape(final ImagePlus imp) {
		return imp.getWidth() + "x" + imp.getHeight() + "x" + imp.getNChannels() + "x" + imp.getNSlices() + "x" + imp
			.getNFrames();
	}

	private static String describe(final ImagePlus imp) {
		return imp.getWidth() + "x" + imp.getHeight() + ", " + imp.getNChannels() + " channel(s), " + imp.getNSlices() +
			" slice(s), " + imp.getNFrames() + " frame(s), " + (imp.getBitDepth() == 24 ? "RGB" : imp.getBitDepth() +
				"-bit");
	}

	private static double floatRange(final ImagePlus reference) {
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		final ImageStack s = reference.getStack();
		for (int i = 1; i <= s.getSize(); i++)
			for (final float v : (float[]) s.getProcessor(i).getPixels()) {
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
		if (!(max > min)) throw new RestoreJException("The reference " + reference.getTitle() + " is uniform (" + min +
			"), so it gives no data range: pass range=NUMBER, the span its values could take.");
		return max - min;
	}
}
