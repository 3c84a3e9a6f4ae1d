package org.restorej.tiff.read;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.restorej.tiff.InvalidTiffException;

/**
 * How the pages and samples of a file map onto channels, slices and frames. Samples of a pixel are
 * channels; otherwise ImageJ's description orders pages c fastest, then z, then t; without it every
 * page is a slice.
 */
record StackLayout(int channels, int slices, int frames, boolean channelsAsSamples, List<PageLayout> pages) {

	PageLayout page(final int c, final int z, final int t) {
		final int plane = channelsAsSamples ? z + slices * t : c + channels * (z + slices * t);
		return pages.get(plane);
	}

	/** The sample of a page that holds channel {@code c}. */
	int sample(final int c) {
		return channelsAsSamples ? c : 0;
	}

	static StackLayout of(final Path file, final List<PageLayout> pages, final ImageJDescription ij) {
		final PageLayout first = pages.get(0);
		final int n = pages.size();
		for (final PageLayout p : pages)
			if (p.width() != first.width() || p.height() != first.height() || p.samples() != first.samples() || p
				.stored() != first.stored()) throw new InvalidTiffException(file, "page " + p.page() + " is " + p
					.width() + " x " + p.height() + " x " + p.samples() + " " + p.stored() + " while page 0 is " + first
						.width() + " x " + first.height() + " x " + first.samples() + " " + first.stored(),
					"Pages of different sizes or types are not one image: split the file into one file per image.");
		if (first.samples() > 1) {
			if (ij != null && (long) ij.slices() * ij.frames() == n) return new StackLayout(first.samples(), ij.slices(), ij
				.frames(), true, pages);
			return new StackLayout(first.samples(), n, 1, true, pages);
		}
		if (ij != null && (long) ij.channels() * ij.slices() * ij.frames() == n) return new StackLayout(ij.channels(), ij
			.slices(), ij.frames(), false, pages);
		return new StackLayout(1, n, 1, false, pages);
	}

	/**
	 * ImageJ saves stacks over 4 GB with a single directory and the planes following each other
	 * uncompressed: the other pages are that one moved by whole planes.
	 */
	static List<PageLayout> contiguousPlanes(final FileBytes in, final PageLayout only, final int images) {
		final long planeBytes = only.planeBytes();
		for (int i = 1; i < only.offsets().length; i++)
			if (only.offsets()[i] != only.offsets()[i - 1] + only.byteCounts()[i - 1]) return List.of(only);
		// planeBytes * images may overflow: compare by division
		if (planeBytes > (in.size() - only.offsets()[0]) / images) throw new InvalidTiffException(in.file(),
			"its ImageJ description announces " + images + " images of " + planeBytes + " bytes after offset " + only
				.offsets()[0] + ", past the end of the file (" + in.size() + " bytes)",
			"The file is truncated: copy or save it again.");
		final List<PageLayout> pages = new ArrayList<>(images);
		for (int i = 0; i < images; i++)
			pages.add(only.shifted(i, i * planeBytes));
		return pages;
	}
}
