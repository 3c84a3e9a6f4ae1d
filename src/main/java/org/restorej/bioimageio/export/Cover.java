package org.restorej.bioimageio.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.restorej.array.NhwcArray;

/**
 * The package's cover: the test input beside the test output (2:1, as the format recommends), each
 * stretched from its own minimum to maximum; three channels as RGB, otherwise the first channel in grey.
 */
final class Cover {

	private Cover() {}

	static void write(final NhwcArray input, final NhwcArray output, final Path png) throws IOException {
		final int h = input.height(), w = input.width();
		final BufferedImage img = new BufferedImage(2 * w, h, BufferedImage.TYPE_INT_RGB);
		draw(input, img, 0);
		draw(output, img, w);
		if (!ImageIO.write(img, "png", png.toFile())) throw new IOException("no PNG writer in this Java runtime");
	}

	private static void draw(final NhwcArray a, final BufferedImage img, final int left) {
		final boolean rgb = a.channels() == 3;
		final int shown = rgb ? 3 : 1;
		double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
		for (int y = 0; y < a.height(); y++)
			for (int x = 0; x < a.width(); x++)
				for (int c = 0; c < shown; c++) {
					min = Math.min(min, a.get(0, y, x, c));
					max = Math.max(max, a.get(0, y, x, c));
				}
		final double span = max > min ? max - min : 1;
		for (int y = 0; y < a.height(); y++)
			for (int x = 0; x < a.width(); x++) {
				final int[] v = new int[3];
				for (int c = 0; c < 3; c++)
					v[c] = (int) Math.round(255 * (a.get(0, y, x, rgb ? c : 0) - min) / span);
				img.setRGB(left + x, y, v[0] << 16 | v[1] << 8 | v[2]);
			}
	}
}
