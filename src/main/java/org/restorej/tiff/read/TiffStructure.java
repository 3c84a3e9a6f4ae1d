package org.restorej.tiff.read;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.restorej.tiff.InvalidTiffException;
import org.restorej.tiff.TiffTag;

/**
 * What a TIFF's header and directories say, before any pixel is read: its byte order, its
 * full-resolution pages as planes of a stack, and their {@link TiffImageInfo}. Plain Java, no ImgLib2,
 * so that front ends without it can look at a file before choosing how to restore it.
 */
record TiffStructure(TiffHeader header, StackLayout stack, TiffImageInfo info) {

	static TiffStructure read(final FileBytes in) {
		final Path file = in.file();
		final TiffHeader header = TiffHeader.read(in);
		final List<ImageFileDirectory> full = new ArrayList<>();
		for (final ImageFileDirectory ifd : new IfdReader(in, header).readAll())
			// bit 0 of NewSubfileType marks a reduced-resolution copy (an overview), not a plane
			if ((ifd.value(TiffTag.NEW_SUBFILE_TYPE, 0) & 1) == 0) full.add(ifd);
		if (full.isEmpty()) throw new InvalidTiffException(file, "it holds only reduced-resolution images",
			"Give the file with the full-resolution image.");
		final ImageFileDirectory first = full.get(0);
		List<PageLayout> pages = new ArrayList<>(full.size());
		for (int p = 0; p < full.size(); p++)
			pages.add(PageLayout.of(in, full.get(p), p));
		final ImageJDescription ij = ImageJDescription.parse(first.text(TiffTag.IMAGE_DESCRIPTION));
		if (pages.size() == 1 && ij != null && ij.images() > 1 && pages.get(0).compression() == 1)
			pages = StackLayout.contiguousPlanes(in, pages.get(0), ij.images());
		final StackLayout stack = StackLayout.of(file, pages, ij);
		final PageLayout p0 = pages.get(0);
		for (final PageLayout p : pages)
			if (p.tiled() != p0.tiled() || p.blockWidth() != p0.blockWidth() || p.blockHeight() != p0.blockHeight() ||
				p.separatePlanes() != p0.separatePlanes()) throw new InvalidTiffException(file, "page " + p.page() +
					" is stored in other blocks than page 0", PageLayout.CONVERT);
		final TiffImageInfo info = new TiffImageInfo(file, p0.width(), p0.height(), stack.channels(), stack.slices(),
			stack.frames(), p0.sampleType(), header.bigTiff(), header.order(), p0.tiled(), p0.blockWidth(), p0
				.blockHeight(), p0.compression(), stack.channelsAsSamples(), CalibrationReader.read(first, ij), first
					.fields(), p0.stored());
		return new TiffStructure(header, stack, info);
	}

	/** The first page, whose storage every page shares. */
	PageLayout firstPage() {
		return stack.pages().get(0);
	}
}
