package org.restorej.tiff.write;

/**
 * Where pixels go in the file: the grid of tiles of each page, the bands of tile rows the image is
 * buffered in, and which page holds a channel of a (Z, time) plane.
 */
record BigTiffLayout(TiffOutputSpec spec, int tilesAcross, int tilesDown) {

	/** BigTIFF header: byte order, version 43, offset size 8, reserved 0, first IFD offset. */
	static final int HEADER_BYTES = 16;

	static BigTiffLayout of(final TiffOutputSpec spec) {
		final long across = (spec.width() + spec.tileSize() - 1) / spec.tileSize();
		final long down = (spec.height() + spec.tileSize() - 1) / spec.tileSize();
		if (across * down > Integer.MAX_VALUE / 2) throw new IllegalArgumentException("too many tiles");
		return new BigTiffLayout(spec, (int) across, (int) down);
	}

	int tilesPerPage() {
		return tilesAcross * tilesDown;
	}

	/** Bytes of one uncompressed tile, edge tiles padded to the full size as TIFF requires. */
	int tileBytes() {
		return spec.tileSize() * spec.tileSize() * spec.samplesPerPixel() * spec.sampleType().bytes();
	}

	/** Index of a (Z, time) plane, Z fastest. */
	int plane(final long z, final long t) {
		return (int) (t * spec.slices() + z);
	}

	int planes() {
		return spec.slices() * spec.frames();
	}

	/** The page holding channel {@code c} of plane {@code plane} (channel 0 with channels as samples). */
	int page(final int plane, final int c) {
		return spec.channelsAsSamples() ? plane : plane * spec.channels() + c;
	}

	/** Rows of band {@code band}: the tile size, fewer in the last. */
	int bandRows(final int band) {
		return (int) Math.min(spec.tileSize(), spec.height() - (long) band * spec.tileSize());
	}
}
