package org.restorej.tiff.read;

import java.nio.ByteBuffer;

import org.restorej.tiff.SampleType;
import org.restorej.tiff.StoredSampleType;

/**
 * Reads a rectangle of one plane from the blocks (tiles or strips) that cover it, into arrays of the
 * delivered type ({@code byte[]}, {@code short[]} or {@code float[]}), converting stored kinds RestoreJ
 * does not compute with to float. Both ways of reading a file go through here: the lazy cells of
 * {@link TiffImage} and the whole planes of {@link TiffPlanes}. Thread-safe.
 */
final class RegionReader {

	private final StackLayout stack;
	private final BlockReader blocks;
	private final StoredSampleType stored;
	private final SampleType type;

	RegionReader(final StackLayout stack, final BlockReader blocks) {
		this.stack = stack;
		this.blocks = blocks;
		this.stored = stack.pages().get(0).stored();
		this.type = stored.sampleType();
	}

	SampleType type() {
		return type;
	}

	/**
	 * The rectangle ({@code x0}, {@code y0}, {@code w} x {@code h}) of channel {@code c} of plane
	 * ({@code z}, {@code t}), together with the channels stored in the same blocks: all channels when
	 * they are interleaved samples (index = channel), else just channel {@code c} (index 0).
	 */
	Object[] read(final int c, final int z, final int t, final long x0, final long y0, final int w, final int h) {
		final PageLayout page = stack.page(c, z, t);
		final int perBlock = page.samplesPerBlock();
		final Object[] arrays = new Object[perBlock];
		for (int s = 0; s < perBlock; s++)
			arrays[s] = newArray(w * h);
		final int sample = stack.sample(c);
		final int bw = page.blockWidth(), bh = page.blockHeight();
		for (long by = y0 / bh; by * bh < y0 + h; by++) {
			final long rowFrom = Math.max(y0, by * bh), rowTo = Math.min(y0 + h, (by + 1) * bh);
			final int firstRow = (int) (rowFrom - by * bh), rows = (int) (rowTo - rowFrom);
			for (long bx = x0 / bw; bx * bw < x0 + w; bx++) {
				final long colFrom = Math.max(x0, bx * bw), colTo = Math.min(x0 + w, (bx + 1) * bw);
				final DecodedBlock b = page.tiled() ? blocks.read(page, sample, bx, by, 0, bh) : blocks.read(page, sample, 0,
					by, firstRow, rows);
				for (int s = 0; s < perBlock; s++)
					copy(b, s, perBlock, firstRow, (int) (colFrom - bx * bw), (int) (colTo - colFrom), rows, arrays[s],
						(int) (rowFrom - y0), (int) (colFrom - x0), w);
			}
		}
		return arrays;
	}

	Object newArray(final int n) {
		return switch (type) {
			case UINT8 -> new byte[n];
			case UINT16 -> new short[n];
			case FLOAT32 -> new float[n];
		};
	}

	/**
	 * Copies {@code h} rows of {@code w} values of sample {@code s} (of {@code stride} interleaved ones)
	 * from row {@code blockRow}, column {@code blockColumn} of a block into {@code dest}, a plane
	 * {@code destWidth} wide, at ({@code destColumn}, {@code destRow}).
	 */
	private void copy(final DecodedBlock b, final int s, final int stride, final int blockRow, final int blockColumn,
		final int w, final int h, final Object dest, final int destRow, final int destColumn, final int destWidth)
	{
		final ByteBuffer in = ByteBuffer.wrap(b.data()).order(b.order());
		final int bytes = stored.bytes();
		final int step = stride * bytes;
		for (int r = 0; r < h; r++) {
			int at = ((blockRow - b.firstRow() + r) * b.rowValues() + blockColumn * stride + s) * bytes;
			final int to = (destRow + r) * destWidth + destColumn;
			switch (type) {
				case UINT8 -> {
					final byte[] d = (byte[]) dest;
					if (stride == 1) System.arraycopy(b.data(), at, d, to, w);
					else for (int x = 0; x < w; x++, at += step)
						d[to + x] = b.data()[at];
				}
				case UINT16 -> {
					final short[] d = (short[]) dest;
					for (int x = 0; x < w; x++, at += step)
						d[to + x] = in.getShort(at);
				}
				case FLOAT32 -> {
					final float[] d = (float[]) dest;
					if (stored == StoredSampleType.FLOAT32) for (int x = 0; x < w; x++, at += step)
						d[to + x] = in.getFloat(at);
					else for (int x = 0; x < w; x++, at += step)
						d[to + x] = stored.get(in, at);
				}
			}
		}
	}
}
