package org.restorej.imagej;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;

/**
 * The samples of an image, one array per plane in ImageJ's XYCZT order ({@code byte[]},
 * {@code short[]} or {@code float[]} according to the layout's kind).
 */
public record ImagePlanes(ImageLayout layout, List<Object> pixels) {

	public ImagePlanes {
		if (pixels.size() != layout.planes()) throw new IllegalArgumentException(layout + " has " + layout.planes() +
			" planes, not " + pixels.size());
		pixels = List.copyOf(pixels);
	}

	/**
	 * The planes of {@code image}: its own pixel arrays (not copies, so do not write into them), except
	 * for RGB, whose packed pixels are split into three new 8-bit channel planes.
	 *
	 * @throws InvalidImageException for a missing or empty image
	 */
	public static ImagePlanes of(final ImagePlus image) {
		check(image);
		final ImageStack stack = image.getStack();
		final boolean rgb = image.getType() == ImagePlus.COLOR_RGB;
		final ImageLayout layout = new ImageLayout(image.getWidth(), image.getHeight(), rgb ? 3 : image.getNChannels(),
			image.getNSlices(), image.getNFrames(), PixelKind.of(image));
		if (stack.getSize() * (rgb ? 3 : 1) != layout.planes()) throw new InvalidImageException("The image " + image
			.getTitle() + " has " + stack.getSize() + " planes, which is not its channels x slices x frames (" + image
				.getNChannels() + " x " + image.getNSlices() + " x " + image.getNFrames() +
				"): fix its dimensions with Image > Properties.");
		final List<Object> planes = new ArrayList<>(layout.planes());
		for (int n = 1; n <= stack.getSize(); n++) {
			if (!rgb) {
				planes.add(stack.getPixels(n));
				continue;
			}
			final int size = layout.planeSamples();
			final byte[] r = new byte[size], g = new byte[size], b = new byte[size];
			((ColorProcessor) stack.getProcessor(n)).getRGB(r, g, b);
			planes.add(r);
			planes.add(g);
			planes.add(b);
		}
		return new ImagePlanes(layout, planes);
	}

	/**
	 * Refuses what headless SciJava passes for a missing image (an empty {@code new ImagePlus()}) and
	 * what ImageJ cannot hold as planes.
	 */
	public static void check(final ImagePlus image) {
		if (image == null || image.getWidth() == 0 || image.getHeight() == 0 || image.getStackSize() == 0 ||
			image.getProcessor() == null) throw new InvalidImageException("No image to restore: open one (or pass " +
				"it as the 'image' input of the command) and run again.");
	}
}
