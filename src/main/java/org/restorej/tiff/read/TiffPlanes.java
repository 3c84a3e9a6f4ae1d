package org.restorej.tiff.read;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.restorej.tiff.InvalidTiffException;
import org.restorej.tiff.SampleType;

/**
 * A TIFF or BigTIFF file read plane by plane into plain arrays, for front ends that hold whole images
 * (ImageJ 1 images, training pairs). The same reader as {@link TiffImage} (every layout, compression and
 * sample kind it reads), without ImgLib2, so that ImageJ 1 and Fiji's JVM can use it.
 *
 * <pre>{@code
 * try (TiffPlanes tiff = TiffPlanes.open(path)) {
 *   List<Object> channels = tiff.planes(z, t); // byte[], short[] or float[] per channel, width * height
 * }
 * }</pre>
 */
public final class TiffPlanes implements AutoCloseable {

	private final FileBytes in;
	private final TiffStructure structure;
	private final RegionReader regions;

	private TiffPlanes(final FileBytes in, final TiffStructure structure) {
		this.in = in;
		this.structure = structure;
		this.regions = new RegionReader(structure.stack(), new BlockReader(in, structure.header().order()));
	}

	/** @throws InvalidTiffException naming the file and the problem if it is no TIFF RestoreJ reads */
	public static TiffPlanes open(final Path file) {
		final FileBytes in = FileBytes.open(file);
		try {
			final TiffStructure structure = TiffStructure.read(in);
			final TiffImageInfo info = structure.info();
			if (info.width() * info.height() > Integer.MAX_VALUE - 8) throw new InvalidTiffException(file, "its planes of " +
				info.width() + " x " + info.height() + " pixels exceed the 2^31 samples an array holds",
				"Restore it with streaming (--streaming auto or on), which reads it region by region.");
			return new TiffPlanes(in, structure);
		}
		catch (final RuntimeException e) {
			in.close();
			throw e;
		}
	}

	public TiffImageInfo info() {
		return structure.info();
	}

	/** The type of the arrays {@link #planes} returns. */
	public SampleType sampleType() {
		return regions.type();
	}

	/** ImageJ's own metadata in the file (slice labels, display ranges, LUTs, info, mode), empty for others. */
	public ImageJMetadata imageJ() {
		return ImageJMetadata.of(structure.info());
	}

	/**
	 * Every channel of plane ({@code z}, {@code t}): a {@code byte[]}, {@code short[]} or {@code float[]}
	 * of width * height values per channel, rows top to bottom.
	 *
	 * @throws InvalidTiffException if the pixel data are truncated or corrupt
	 */
	public List<Object> planes(final int z, final int t) {
		final TiffImageInfo info = structure.info();
		final int w = (int) info.width(), h = (int) info.height();
		final List<Object> channels = new ArrayList<>(info.channels());
		if (info.channelsAsSamples() && !structure.firstPage().separatePlanes()) {
			for (final Object a : regions.read(0, z, t, 0, 0, w, h))
				channels.add(a);
			return channels;
		}
		for (int c = 0; c < info.channels(); c++)
			channels.add(regions.read(c, z, t, 0, 0, w, h)[0]);
		return channels;
	}

	@Override
	public void close() {
		in.close();
	}
}
