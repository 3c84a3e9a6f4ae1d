package org.restorej.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.restorej.array.NhwcArray;
import org.restorej.tiff.read.TiffImageInfo;
import org.restorej.tiff.read.TiffPlanes;

/**
 * Clean real images (photographs, astronomy, any scientific image without visible noise) as scenes for blind
 * training: a random square crop of one of them, the image drawn in proportion to its area, scaled so that its
 * brightest pixel is 1 as {@link SceneFamily} scenes are. Channels are averaged to one. Procedural scenes alone
 * taught the networks to smooth textures they never saw; crops of real images show them what real detail is.
 */
public final class CleanImageScenes {

	/** The most pixels a folder may hold in all (one float each): 1 GB of memory. */
	public static final long MAX_PIXELS = 1L << 28;

	private final Path folder;
	private final List<float[]> images = new ArrayList<>();
	private final List<int[]> sizes = new ArrayList<>();
	private final long[] cumulativeArea;

	private CleanImageScenes(final Path folder, final List<float[]> images, final List<int[]> sizes) {
		this.folder = folder;
		this.images.addAll(images);
		this.sizes.addAll(sizes);
		cumulativeArea = new long[images.size()];
		long sum = 0;
		for (int i = 0; i < images.size(); i++)
			cumulativeArea[i] = sum += (long) sizes.get(i)[0] * sizes.get(i)[1];
	}

	/**
	 * Every TIFF of {@code folder} at least {@code minSide} pixels high and wide, in name order.
	 *
	 * @throws DataException naming the folder when it holds none or more than {@link #MAX_PIXELS} pixels
	 */
	public static CleanImageScenes load(final Path folder, final int minSide) {
		if (!Files.isDirectory(folder)) throw new DataException("No folder of clean images at " + folder +
			": give a folder of TIFFs.");
		final List<Path> files;
		try (Stream<Path> s = Files.list(folder)) {
			files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.tiff?")).sorted()
				.toList();
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		// sizes from the headers first: the budget holds before any pixel is read
		long pixels = 0;
		final List<Path> kept = new ArrayList<>();
		for (final Path f : files)
			try (TiffPlanes t = TiffPlanes.open(f)) {
				final TiffImageInfo info = t.info();
				if (info.width() < minSide || info.height() < minSide) continue;
				pixels += info.width() * info.height() * info.channels();
				kept.add(f);
			}
		if (kept.isEmpty()) throw new DataException(folder + " holds no TIFF of at least " + minSide + "x" + minSide +
			" pixels: give a folder of clean images at least that large.");
		if (pixels > MAX_PIXELS) throw new DataException(folder + " holds " + pixels + " pixels of clean images, more " +
			"than the " + MAX_PIXELS + " that training keeps in memory: use fewer or smaller images.");
		final List<float[]> images = new ArrayList<>();
		final List<int[]> sizes = new ArrayList<>();
		for (final Path f : kept) {
			final NhwcArray a = TiffImages.read(f).image();
			final float[] grey = new float[a.height() * a.width()];
			final int c = a.channels();
			for (int i = 0; i < grey.length; i++) {
				double s = 0;
				for (int k = 0; k < c; k++)
					s += a.data()[i * c + k];
				grey[i] = (float) (s / c);
			}
			images.add(grey);
			sizes.add(new int[] { a.height(), a.width() });
		}
		return new CleanImageScenes(folder, images, sizes);
	}

	public int count() {
		return images.size();
	}

	/**
	 * A {@code side x side} crop, row-major, scaled to its own maximum (a blank crop stays 0).
	 *
	 * @throws IllegalArgumentException if {@code side} is larger than the smallest image
	 */
	public float[] crop(final int side, final SplittableRandom random) {
		final int i = pick(random.nextLong(cumulativeArea[cumulativeArea.length - 1]));
		final int h = sizes.get(i)[0], w = sizes.get(i)[1];
		if (side > h || side > w) throw new IllegalArgumentException("crop of " + side + " from " + h + "x" + w);
		final int top = random.nextInt(h - side + 1), left = random.nextInt(w - side + 1);
		final float[] image = images.get(i), out = new float[side * side];
		float max = 0;
		for (int y = 0; y < side; y++)
			for (int x = 0; x < side; x++)
				max = Math.max(max, out[y * side + x] = image[(top + y) * w + left + x]);
		if (max > 0) for (int k = 0; k < out.length; k++)
			out[k] /= max;
		return out;
	}

	private int pick(final long position) {
		final int at = Arrays.binarySearch(cumulativeArea, position + 1);
		return at >= 0 ? at : -at - 1;
	}

	public String describe() {
		long pixels = 0;
		for (final int[] s : sizes)
			pixels += (long) s[0] * s[1];
		return String.format(Locale.ROOT, "%d clean images of %s (%.1f Mpx)", images.size(), folder, pixels / 1e6);
	}
}
