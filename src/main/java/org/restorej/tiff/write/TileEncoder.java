package org.restorej.tiff.write;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Turns the pixels of one tile of a band into the bytes stored in the file: channels interleaved,
 * edge tiles padded with zeros to the full tile, in the file's byte order, deflated if asked. One
 * encoder reuses its buffers from tile to tile (not thread-safe).
 */
final class TileEncoder implements AutoCloseable {

	/**
	 * zlib level 1: on microscopy and remote-sensing data it compresses nearly as well as the default
	 * level at several times the speed, and the writer is meant to keep up with restoration.
	 */
	static final int DEFLATE_LEVEL = Deflater.BEST_SPEED;

	private final BigTiffLayout layout;
	private final ByteBuffer tile;
	private final Deflater deflater;
	private byte[] compressed;

	TileEncoder(final BigTiffLayout layout) {
		this.layout = layout;
		this.tile = ByteBuffer.allocate(layout.tileBytes()).order(layout.spec().byteOrder());
		this.deflater = layout.spec().deflate() ? new Deflater(DEFLATE_LEVEL) : null;
		this.compressed = deflater == null ? null : new byte[layout.tileBytes() + layout.tileBytes() / 100 + 64];
	}

	/**
	 * The stored bytes of the tile in column {@code column} of {@code band}, channels
	 * {@code [c0, c0 + samples)}: the buffer is valid until the next call.
	 */
	ByteBuffer encode(final BandBuffer band, final int column, final int c0, final int samples) {
		final int size = layout.spec().tileSize(), bytes = layout.spec().sampleType().bytes();
		final int x = column * size;
		final int count = Math.min(size, band.width - x);
		if (count < size || band.rows < size) Arrays.fill(tile.array(), (byte) 0);
		final int rowBytes = size * samples * bytes;
		for (int row = 0; row < band.rows; row++)
			band.copyRow(row, x, count, c0, samples, tile, row * rowBytes);
		if (deflater == null) return ByteBuffer.wrap(tile.array());
		return deflate();
	}

	private ByteBuffer deflate() {
		deflater.reset();
		deflater.setInput(tile.array());
		deflater.finish();
		int n = 0;
		while (!deflater.finished()) {
			if (n == compressed.length) compressed = Arrays.copyOf(compressed, compressed.length * 2);
			n += deflater.deflate(compressed, n, compressed.length - n);
		}
		return ByteBuffer.wrap(compressed, 0, n);
	}

	@Override
	public void close() {
		if (deflater != null) deflater.end();
	}
}
