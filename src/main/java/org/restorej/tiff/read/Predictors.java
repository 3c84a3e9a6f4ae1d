package org.restorej.tiff.read;

import java.nio.ByteOrder;

/**
 * Undoes the TIFF predictors on decoded rows, in place. Each row is independent, so any whole rows of
 * a block can be processed.
 */
final class Predictors {

	private Predictors() {}

	/**
	 * Undoes {@code predictor} on {@code rows} rows of {@code rowValues} samples (interleaved groups of
	 * {@code samples}) of {@code bytes} bytes each, stored in {@code order}. Returns the byte order of the
	 * result: the floating-point predictor leaves values most significant byte first, whatever the file's.
	 */
	static ByteOrder undo(final int predictor, final byte[] data, final int rows, final int rowValues, final int samples,
		final int bytes, final ByteOrder order)
	{
		switch (predictor) {
			case 2 -> horizontal(data, rows, rowValues, samples, bytes, order);
			case 3 -> {
				floatingPoint(data, rows, rowValues, samples, bytes);
				return ByteOrder.BIG_ENDIAN;
			}
			default -> {}
		}
		return order;
	}

	/** Predictor 2: each sample was stored as the difference to the same sample of the pixel on its left. */
	static void horizontal(final byte[] d, final int rows, final int rowValues, final int samples, final int bytes,
		final ByteOrder order)
	{
		final boolean little = order == ByteOrder.LITTLE_ENDIAN;
		for (int r = 0; r < rows; r++) {
			final int start = r * rowValues * bytes;
			for (int i = samples; i < rowValues; i++) {
				final int at = start + i * bytes, left = at - samples * bytes;
				switch (bytes) {
					case 1 -> d[at] += d[left];
					case 2 -> put(d, at, 2, get(d, at, 2, little) + get(d, left, 2, little), little);
					default -> put(d, at, bytes, get(d, at, bytes, little) + get(d, left, bytes, little), little);
				}
			}
		}
	}

	/**
	 * Predictor 3 (Adobe's floating-point predictor, as libtiff and GDAL write it): each row's bytes were
	 * regrouped into planes of most to least significant byte, then byte-differenced with a stride of the
	 * samples per pixel. Undoes both; values come out big-endian.
	 */
	static void floatingPoint(final byte[] d, final int rows, final int rowValues, final int samples,
		final int bytes)
	{
		final int rowBytes = rowValues * bytes;
		final byte[] planes = new byte[rowBytes];
		for (int r = 0; r < rows; r++) {
			final int start = r * rowBytes;
			for (int i = samples; i < rowBytes; i++)
				d[start + i] += d[start + i - samples];
			System.arraycopy(d, start, planes, 0, rowBytes);
			for (int v = 0; v < rowValues; v++)
				for (int b = 0; b < bytes; b++)
					d[start + v * bytes + b] = planes[b * rowValues + v];
		}
	}

	private static long get(final byte[] d, final int at, final int bytes, final boolean little) {
		long v = 0;
		for (int i = 0; i < bytes; i++)
			v |= (d[at + (little ? i : bytes - 1 - i)] & 0xFFL) << (8 * i);
		return v;
	}

	private static void put(final byte[] d, final int at, final int bytes, final long v, final boolean little) {
		for (int i = 0; i < bytes; i++)
			d[at + (little ? i : bytes - 1 - i)] = (byte) (v >>> (8 * i));
	}
}
