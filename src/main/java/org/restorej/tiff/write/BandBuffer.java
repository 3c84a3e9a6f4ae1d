package org.restorej.tiff.write;

import java.nio.ByteBuffer;

import net.imglib2.img.basictypeaccess.ByteAccess;
import net.imglib2.img.basictypeaccess.FloatAccess;
import net.imglib2.img.basictypeaccess.ShortAccess;
import net.imglib2.img.basictypeaccess.DataAccess;

import org.restorej.tiff.SampleType;

/**
 * The pixels of one band of tile rows of one (Z, time) plane, all channels: the storage of one cell
 * of the writer's output image, indexed as ImgLib2 indexes a cell (x fastest, then row, then
 * channel). Once its tiles are in the file the band is freed, and any later write through an access
 * still holding it fails instead of being lost silently.
 */
abstract sealed class BandBuffer implements DataAccess {

	final int width, rows, channels;
	private final String name;

	private BandBuffer(final int width, final int rows, final int channels, final String name) {
		this.width = width;
		this.rows = rows;
		this.channels = channels;
		this.name = name;
	}

	static BandBuffer allocate(final SampleType type, final int width, final int rows, final int channels,
		final String name)
	{
		final int n = width * rows * channels;
		return switch (type) {
			case UINT8 -> new Bytes(new byte[n], width, rows, channels, name);
			case UINT16 -> new Shorts(new short[n], width, rows, channels, name);
			case FLOAT32 -> new Floats(new float[n], width, rows, channels, name);
		};
	}

	abstract long bytes();

	/** Drops the pixels; the band may no longer be read or written. */
	abstract void free();

	/**
	 * Copies {@code count} pixels of row {@code row} from {@code x}, channels {@code [c0, c0 + samples)}
	 * interleaved, into {@code tile} from byte {@code at} (the tile's byte order applies).
	 */
	abstract void copyRow(int row, int x, int count, int c0, int samples, ByteBuffer tile, int at);

	final int index(final int x, final int row, final int c) {
		return x + width * (row + rows * c);
	}

	final IllegalStateException flushed() {
		return new IllegalStateException("Cannot write " + name + ": its rows are already in the file. The writer " +
			"was told they were finished (rowsFinished), so they cannot change any more.");
	}

	static final class Bytes extends BandBuffer implements ByteAccess {

		private byte[] data;

		Bytes(final byte[] data, final int width, final int rows, final int channels, final String name) {
			super(width, rows, channels, name);
			this.data = data;
		}

		@Override
		public byte getValue(final int index) {
			if (data == null) throw flushed();
			return data[index];
		}

		@Override
		public void setValue(final int index, final byte value) {
			if (data == null) throw flushed();
			data[index] = value;
		}

		@Override
		long bytes() {
			return (long) width * rows * channels;
		}

		@Override
		void free() {
			data = null;
		}

		@Override
		void copyRow(final int row, final int x, final int count, final int c0, final int samples,
			final ByteBuffer tile, final int at)
		{
			final byte[] t = tile.array();
			if (samples == 1) System.arraycopy(data, index(x, row, c0), t, at, count);
			else for (int s = 0; s < samples; s++) {
				final int from = index(x, row, c0 + s);
				for (int i = 0, to = at + s; i < count; i++, to += samples)
					t[to] = data[from + i];
			}
		}
	}

	static final class Shorts extends BandBuffer implements ShortAccess {

		private short[] data;

		Shorts(final short[] data, final int width, final int rows, final int channels, final String name) {
			super(width, rows, channels, name);
			this.data = data;
		}

		@Override
		public short getValue(final int index) {
			if (data == null) throw flushed();
			return data[index];
		}

		@Override
		public void setValue(final int index, final short value) {
			if (data == null) throw flushed();
			data[index] = value;
		}

		@Override
		long bytes() {
			return 2L * width * rows * channels;
		}

		@Override
		void free() {
			data = null;
		}

		@Override
		void copyRow(final int row, final int x, final int count, final int c0, final int samples,
			final ByteBuffer tile, final int at)
		{
			for (int s = 0; s < samples; s++) {
				final int from = index(x, row, c0 + s);
				for (int i = 0, to = at + 2 * s; i < count; i++, to += 2 * samples)
					tile.putShort(to, data[from + i]);
			}
		}
	}

	static final class Floats extends BandBuffer implements FloatAccess {

		private float[] data;

		Floats(final float[] data, final int width, final int rows, final int channels, final String name) {
			super(width, rows, channels, name);
			this.data = data;
		}

		@Override
		public float getValue(final int index) {
			if (data == null) throw flushed();
			return data[index];
		}

		@Override
		public void setValue(final int index, final float value) {
			if (data == null) throw flushed();
			data[index] = value;
		}

		@Override
		long bytes() {
			return 4L * width * rows * channels;
		}

		@Override
		void free() {
			data = null;
		}

		@Override
		void copyRow(final int row, final int x, final int count, final int c0, final int samples,
			final ByteBuffer tile, final int at)
		{
			for (int s = 0; s < samples; s++) {
				final int from = index(x, row, c0 + s);
				for (int i = 0, to = at + 4 * s; i < count; i++, to += 4 * samples)
					tile.putFloat(to, data[from + i]);
			}
		}
	}
}
