package org.restorej.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Training pairs from two folders of TIFF files matched by file name: the degraded images (e.g. low laser
 * power, short exposure) in one, the clean ones (high SNR) in the other, as CARE users prepare them. Both
 * images of a pair must have the same size and bit depth; they are scaled by that bit depth.
 */
public final class PairedImageFolders {

	/** The conventional sub-folder names of a pairs folder. */
	public static final String DEGRADED = "low", CLEAN = "high";

	private PairedImageFolders() {}

	/** Pairs from {@code folder/low} and {@code folder/high}. */
	public static List<ImagePair> load(final Path folder) {
		return load(folder.resolve(DEGRADED), folder.resolve(CLEAN));
	}

	public static List<ImagePair> load(final Path degradedDir, final Path cleanDir) {
		final TreeSet<String> degraded = tiffNames(degradedDir), clean = tiffNames(cleanDir);
		final TreeSet<String> unmatched = new TreeSet<>(degraded);
		unmatched.addAll(clean);
		final TreeSet<String> both = new TreeSet<>(degraded);
		both.retainAll(clean);
		unmatched.removeAll(both);
		if (!unmatched.isEmpty()) throw new DataException("These images have no partner of the same name in " +
			"the other folder (" + degradedDir + " / " + cleanDir + "): " + unmatched + ". Name both images of a " +
				"pair the same, or remove the extra ones.");
		if (both.isEmpty()) throw new DataException("No TIFF pairs in " + degradedDir + " and " + cleanDir +
			": put matching .tif files in both.");
		final List<ImagePair> pairs = new ArrayList<>();
		for (final String name : both) {
			final TiffImages.Loaded d = TiffImages.read(degradedDir.resolve(name));
			final TiffImages.Loaded c = TiffImages.read(cleanDir.resolve(name));
			if (d.bitDepth() != c.bitDepth()) throw new DataException("Pair " + name + " mixes " + d.bitDepth() +
				"-bit and " + c.bitDepth() + "-bit images: save both with the same bit depth.");
			pairs.add(new ImagePair(name, d.image(), c.image()));
		}
		return pairs;
	}

	private static TreeSet<String> tiffNames(final Path dir) {
		if (!Files.isDirectory(dir)) throw new DataException("No folder " + dir + ": a pairs folder needs '" +
			DEGRADED + "' (degraded) and '" + CLEAN + "' (clean) sub-folders, or give both folders.");
		try (Stream<Path> s = Files.list(dir)) {
			final TreeSet<String> names = new TreeSet<>();
			s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> {
				final String l = n.toLowerCase(Locale.ROOT);
				return l.endsWith(".tif") || l.endsWith(".tiff");
			}).forEach(names::add);
			return names;
		}
		catch (final IOException e) {
			throw new DataException("Cannot list " + dir + ": " + e.getMessage(), e);
		}
	}
}
