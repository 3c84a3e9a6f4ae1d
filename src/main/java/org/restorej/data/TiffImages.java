package org.restorej.data;

import java.nio.file.Files;
import java.nio.file.Path;

import org.restorej.runtime.NhwcArray;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

/**
 * TIFF files through ImageJ 1: 8-, 16- and 32-bit grey images (a stack of channels is read as channels)
 * and RGB, as a single NHWC image scaled to what networks see: 8-bit divided by 255, 16-bit by 65535, 32-bit
 * as it is.
 */
public final class TiffImages {

	private TiffImages() {}

	/** The pixels and the factor raw values were divided by. */
	public record Loaded(NhwcArray image, double scale, int bitDepth) {}

	public static Loaded read(final Path file) {
		if (!Files.isRegularFile(file)) throw new DataException("No such image: " + file + ".");
		final ImagePlus imp = new Opener().openImage(file.toAbsolutePath().toString());
		if (imp == null) throw new DataException("ImageJ cannot open " + file + " as an image: give a TIFF file.");
		if (imp.getNFrames() > 1 || imp.getNSlices() > 1) throw new DataException(file + " has " + imp
			.getNSlices() + " z-slices and " + imp.getNFrames() + " time points: give single 2D images (one file " +
				"per plane).");
		final int w = imp.getWidth(), h = imp.getHeight();
		if (imp.getType() == ImagePlus.COLOR_RGB) {
			final int[] rgb = (int[]) imp.getProcessor().getPixels();
			final float[] d = new float[w * h * 3];
			for (int i = 0; i < rgb.length; i++) {
				d[3 * i] = ((rgb[i] >> 16) & 0xff) / 255f;
				d[3 * i + 1] = ((rgb[i] >> 8) & 0xff) / 255f;
				d[3 * i + 2] = (rgb[i] & 0xff) / 255f;
			}
			return new Loaded(new NhwcArray(1, h, w, 3, d), 255, 8);
		}
		final ImageStack stack = imp.getStack();
		final int channels = stack.getSize();
		final int bits = imp.getBitDepth();
		final double scale = bits == 8 ? 255 : bits == 16 ? 65535 : 1;
		final float[] d = new float[w * h * channels];
		for (int c = 0; c < channels; c++) {
			final ImageProcessor ip = stack.getProcessor(c + 1);
			for (int i = 0; i < w * h; i++)
				d[i * channels + c] = (float) (ip.getf(i) / scale);
		}
		return new Loaded(new NhwcArray(1, h, w, channels, d), scale, bits);
	}

	/** Writes a single-channel image in [0, 1] as 16-bit TIFF (values times 65535, rounded, clipped). */
	public static void write16Bit(final NhwcArray image, final Path file) {
		requireSingleChannel(image, file);
		final short[] px = new short[image.height() * image.width()];
		for (int i = 0; i < px.length; i++)
			px[i] = (short) Math.round(Math.max(0, Math.min(1, image.data()[i])) * 65535);
		save(new ImagePlus(file.getFileName().toString(), new ShortProcessor(image.width(), image.height(), px,
			null)), file);
	}

	/** Writes a single-channel image as 32-bit float TIFF, values unchanged. */
	public static void write32Bit(final NhwcArray image, final Path file) {
		requireSingleChannel(image, file);
		save(new ImagePlus(file.getFileName().toString(), new FloatProcessor(image.width(), image.height(), image
			.data().clone())), file);
	}

	private static void requireSingleChannel(final NhwcArray image, final Path file) {
		if (image.batch() != 1 || image.channels() != 1) throw new DataException("Cannot write " + file +
			": only single-channel images are written as TIFF here (got " + image.channels() + " channels).");
	}

	private static void save(final ImagePlus imp, final Path file) {
		try {
			if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
		}
		catch (final java.io.IOException e) {
			throw new DataException("Cannot create the folder of " + file + ": " + e.getMessage(), e);
		}
		if (!new FileSaver(imp).saveAsTiff(file.toString())) throw new DataException("Could not write " + file +
			": check that the folder is writable.");
	}

}
