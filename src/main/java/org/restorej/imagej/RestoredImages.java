package org.restorej.imagej;

import java.awt.Color;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.LUT;

/**
 * Builds the ImagePlus of a restored image so that it stands in for its input: same calibration
 * (pixel size, unit, frame interval), dimension order and slice labels, the title suffixed, RGB back
 * to RGB when the values are 8-bit. The input itself is only read.
 */
public final class RestoredImages {

	public static final String SUFFIX = "-restored";

	private RestoredImages() {}

	/**
	 * @param note a line added to the image's Info (e.g. the model and settings that made it)
	 */
	public static ImagePlus create(final ImagePlus input, final ImagePlanes restored, final String note) {
		final ImageLayout l = restored.layout();
		final boolean rgb = input.getType() == ImagePlus.COLOR_RGB && l.channels() == 3 && l
			.kind() == PixelKind.UINT8;
		final ImageStack stack = rgb ? rgbStack(restored) : greyStack(restored);
		copyLabels(input.getStack(), stack);
		final ImagePlus out = new ImagePlus(title(input.getTitle()), stack);
		out.setDimensions(rgb ? 1 : l.channels(), l.slices(), l.frames());
		if (input.isHyperStack() || out.getNDimensions() > 3) out.setOpenAsHyperStack(true);
		final Calibration cal = input.getCalibration().copy();
		// a density calibration (e.g. signed 16-bit) describes the input's raw values, not float output
		if (l.kind() != PixelKind.of(input)) cal.disableDensityCalibration();
		out.setCalibration(cal);
		final String info = input.getInfoProperty();
		out.setProperty("Info", (info == null || info.isBlank() ? "" : info.strip() + "\n") + note);
		// integer output of the input's kind keeps its display range; anything else fits its values
		final boolean sameKind = l.kind() == PixelKind.of(input) && input.getType() != ImagePlus.COLOR_RGB;
		if (l.channels() > 1 && !rgb) return composite(input, out, sameKind);
		if (sameKind) out.setDisplayRange(input.getDisplayRangeMin(), input.getDisplayRangeMax());
		else if (!rgb) out.resetDisplayRange();
		return out;
	}

	/** {@code cells.tif} to {@code cells-restored.tif}; {@code stack} to {@code stack-restored}. */
	public static String title(final String title) {
		final String t = title == null || title.isBlank() ? "image" : title;
		final int dot = t.lastIndexOf('.');
		final boolean extension = dot > 0 && t.length() - dot <= 5 && t.substring(dot + 1).matches("[A-Za-z0-9]+");
		return extension ? t.substring(0, dot) + SUFFIX + t.substring(dot) : t + SUFFIX;
	}

	private static ImageStack greyStack(final ImagePlanes p) {
		final ImageStack stack = new ImageStack(p.layout().width(), p.layout().height());
		for (final Object pixels : p.pixels())
			stack.addSlice(null, pixels);
		return stack;
	}

	private static ImageStack rgbStack(final ImagePlanes p) {
		final ImageLayout l = p.layout();
		final ImageStack stack = new ImageStack(l.width(), l.height());
		for (int i = 0; i < l.planes(); i += 3) {
			final ColorProcessor cp = new ColorProcessor(l.width(), l.height());
			cp.setRGB((byte[]) p.pixels().get(i), (byte[]) p.pixels().get(i + 1), (byte[]) p.pixels().get(i + 2));
			stack.addSlice(null, cp);
		}
		return stack;
	}

	private static void copyLabels(final ImageStack from, final ImageStack to) {
		if (from.getSize() != to.getSize()) return;
		for (int n = 1; n <= from.getSize(); n++)
			to.setSliceLabel(from.getSliceLabel(n), n);
	}

	/**
	 * Channels shown as the input showed them (its LUTs, with their display ranges, when the values
	 * keep their kind); an RGB input's channels as red, green and blue.
	 */
	private static ImagePlus composite(final ImagePlus input, final ImagePlus out, final boolean sameKind) {
		final int channels = out.getNChannels();
		if (input instanceof CompositeImage in && in.getNChannels() == channels) {
			final CompositeImage c = new CompositeImage(out, in.getMode());
			for (int k = 1; k <= channels; k++) {
				final LUT lut = (LUT) in.getChannelLut(k).clone();
				c.setChannelLut(lut, k);
				c.setC(k);
				if (sameKind) c.setDisplayRange(lut.min, lut.max);
				else c.resetDisplayRange();
			}
			c.setC(1);
			return c;
		}
		final boolean fromRgb = input.getType() == ImagePlus.COLOR_RGB && channels == 3;
		final CompositeImage c = new CompositeImage(out, fromRgb ? IJ.COMPOSITE : IJ.GRAYSCALE);
		if (fromRgb) {
			c.setChannelLut(LUT.createLutFromColor(Color.RED), 1);
			c.setChannelLut(LUT.createLutFromColor(Color.GREEN), 2);
			c.setChannelLut(LUT.createLutFromColor(Color.BLUE), 3);
		}
		for (int k = 1; k <= channels; k++) {
			c.setC(k);
			if (sameKind) c.setDisplayRange(input.getDisplayRangeMin(), input.getDisplayRangeMax());
			else c.resetDisplayRange();
		}
		c.setC(1);
		return c;
	}
}
