package org.restorej.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.restorej.array.NhwcArray;
import org.restorej.data.DataException;
import org.restorej.engine.normalize.Affine;
import org.restorej.engine.normalize.ArrayNormalization;
import org.restorej.engine.normalize.Normalization;
import org.restorej.model.ModelDescription;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.Opener;

/**
 * The noisy images of a folder for self-supervised training: every TIFF (2D, Z stacks, time series, one or
 * more channels), each plane (one Z slice of one time point, all its channels) normalised as the engine
 * would normalise it for the model, so that the network sees in training what it sees in use.
 *
 * @param planes normalised planes, batch 1, all with the same channels
 * @param files how many files they came from
 * @param typeMax the largest value of the first file's pixel type (255, 65535), 0 for float data
 */
public record NoisyImages(List<NhwcArray> planes, int files, double typeMax) {

	public NoisyImages {
		if (planes.isEmpty()) throw new DataException("No noisy images to train on.");
		planes = List.copyOf(planes);
	}

	public int channels() {
		return planes.get(0).channels();
	}

	/** The shorter side of the smallest plane. */
	public int smallestSide() {
		return planes.stream().mapToInt(p -> Math.min(p.height(), p.width())).min().orElse(0);
	}

	/**
	 * Every TIFF of {@code dir} (sorted by name; a TIFF file: that one), normalised by {@code n}: per image (a whole stack) or per
	 * plane as its scope says.
	 *
	 * @throws DataException if the folder has no TIFF, a file cannot be read, or channel counts differ
	 */
	public static NoisyImages load(final Path dir, final ModelDescription.Normalization declared) {
		final List<Path> files = tiffs(dir);
		final Normalization n = Normalization.declaredBy(declared);
		final List<NhwcArray> planes = new ArrayList<>();
		double typeMax = -1;
		for (final Path f : files) {
			final Raw raw = read(f);
			if (typeMax < 0) typeMax = raw.typeMax();
			if (!planes.isEmpty() && raw.planes().get(0).channels() != planes.get(0).channels())
				throw new DataException(f + " has " + raw.planes().get(0).channels() + " channel(s), the other images " +
					planes.get(0).channels() + ": train on images with the same channels (one folder per kind).");
			planes.addAll(normalised(raw, n));
		}
		return new NoisyImages(planes, files.size(), typeMax);
	}

	/** Raw planes of one file and the largest value of its pixel type (0 for float data). */
	record Raw(List<NhwcArray> planes, double typeMax) {}

	/**
	 * The one place that reads a noisy TIFF: raw values, one array per (Z, T) with the channels last. RGB is
	 * read as three channels.
	 */
	static Raw read(final Path file) {
		final ImagePlus imp = new Opener().openImage(file.toAbsolutePath().toString());
		if (imp == null) throw new DataException("ImageJ cannot open " + file + " as an image: give TIFF files.");
		final int w = imp.getWidth(), h = imp.getHeight();
		final boolean rgb = imp.getType() == ImagePlus.COLOR_RGB;
		final int channels = rgb ? 3 : imp.getNChannels();
		final ImageStack stack = imp.getStack();
		final List<NhwcArray> planes = new ArrayList<>();
		for (int t = 1; t <= imp.getNFrames(); t++)
			for (int z = 1; z <= imp.getNSlices(); z++) {
				final float[] d = new float[w * h * channels];
				for (int c = 0; c < (rgb ? 1 : channels); c++) {
					final int index = imp.getStackIndex(c + 1, z, t);
					if (rgb) {
						final int[] px = (int[]) stack.getProcessor(index).getPixels();
						for (int i = 0; i < px.length; i++) {
							d[3 * i] = (px[i] >> 16) & 0xff;
							d[3 * i + 1] = (px[i] >> 8) & 0xff;
							d[3 * i + 2] = px[i] & 0xff;
						}
					}
					else {
						final var ip = stack.getProcessor(index);
						for (int i = 0; i < w * h; i++)
							d[i * channels + c] = ip.getf(i);
					}
				}
				planes.add(new NhwcArray(1, h, w, channels, d));
			}
		final int bits = imp.getBitDepth();
		return new Raw(planes, bits == 8 || bits == 24 ? 255 : bits == 16 ? 65535 : 0);
	}

	/** Per plane, or (scope image) one map from all planes of the file together, as the engine does. */
	static List<NhwcArray> normalised(final Raw raw, final Normalization n) {
		final List<NhwcArray> out = new ArrayList<>();
		final boolean perPlane = n instanceof Normalization.Percentile p && p.scope() == Normalization.Scope.PLANE;
		final Affine[] whole = perPlane ? null : ArrayNormalization.forward(n, stacked(raw.planes()), raw.typeMax(),
			null);
		for (final NhwcArray p : raw.planes())
			out.add(ArrayNormalization.apply(perPlane ? ArrayNormalization.forward(n, p, raw.typeMax(), null) : whole,
				p));
		return out;
	}

	/** All planes one above the other: one array whose percentiles are those of the whole image. */
	private static NhwcArray stacked(final List<NhwcArray> planes) {
		if (planes.size() == 1) return planes.get(0);
		final NhwcArray first = planes.get(0);
		final float[] all = new float[first.data().length * planes.size()];
		for (int i = 0; i < planes.size(); i++)
			System.arraycopy(planes.get(i).data(), 0, all, i * first.data().length, first.data().length);
		return new NhwcArray(1, first.height() * planes.size(), first.width(), first.channels(), all);
	}

	private static List<Path> tiffs(final Path dir) {
		// one file is a folder of one, so that a single image can be trained on (restore --adapt)
		if (Files.isRegularFile(dir) && dir.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.tiff?$"))
			return List.of(dir);
		if (!Files.isDirectory(dir)) throw new DataException("No folder " + dir + ": give the folder of noisy TIFFs.");
		try (Stream<Path> s = Files.list(dir)) {
			final List<Path> files = s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().toLowerCase(
				Locale.ROOT).matches(".*\\.tiff?$")).sorted().toList();
			if (files.isEmpty()) throw new DataException("No TIFF files in " + dir + ": put the noisy .tif images there.");
			return files;
		}
		catch (final IOException e) {
			throw new DataException("Cannot list " + dir + ": " + e.getMessage(), e);
		}
	}
}
