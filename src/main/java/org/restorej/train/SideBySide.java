package org.restorej.train;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.restorej.array.NhwcArray;
import org.restorej.io.OutputFile;

/**
 * A PNG of single-channel images next to each other with captions, all shown with one display range (the
 * 0.1 and 99.9 percentiles of the last image, the reference) so that their brightness can be compared.
 */
public final class SideBySide {

	private static final int GAP = 8, CAPTION = 22;

	private SideBySide() {}

	public static void write(final List<NhwcArray> images, final List<String> captions, final Path png)
		throws IOException
	{
		final NhwcArray ref = images.get(images.size() - 1);
		final float[] sorted = ref.data().clone();
		Arrays.sort(sorted);
		final double lo = sorted[(int) (0.001 * (sorted.length - 1))];
		final double hi = Math.max(lo + 1e-6, sorted[(int) (0.999 * (sorted.length - 1))]);
		final int h = ref.height(), w = ref.width();
		final BufferedImage out = new BufferedImage(images.size() * w + (images.size() - 1) * GAP, h + CAPTION,
			BufferedImage.TYPE_INT_RGB);
		final Graphics2D g = out.createGraphics();
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, out.getWidth(), out.getHeight());
		for (int k = 0; k < images.size(); k++) {
			final NhwcArray img = images.get(k);
			final int left = k * (w + GAP);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					final int v = (int) Math.round(255 * Math.max(0, Math.min(1, (img.data()[(y * w + x) * img
						.channels()] - lo) / (hi - lo))));
					out.setRGB(left + x, CAPTION + y, v << 16 | v << 8 | v);
				}
			g.setColor(Color.BLACK);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
			g.drawString(captions.get(k), left + 4, CAPTION - 6);
		}
		g.dispose();
		try (OutputFile file = OutputFile.create(png, true)) {
			if (!ImageIO.write(out, "png", file.temporary().toFile())) throw new IOException("no PNG writer for " + png);
			file.commit();
		}
	}
}
