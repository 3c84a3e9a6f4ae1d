package org.restorej.tiff.write;

import java.util.HashMap;
import java.util.Map;

import net.imglib2.img.cell.Cell;
import net.imglib2.img.cell.CellGrid;
import net.imglib2.img.cell.LazyCellImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;

import org.restorej.tiff.ImgLib2Types;

/**
 * The writer's output image (X, Y, C, Z, T) as ImgLib2 cells of one band of tile rows by all channels
 * of one (Z, time) plane. A band's buffer is allocated when first touched and handed over when its
 * rows are finished; touching it afterwards fails. Only bands between those two moments use memory.
 */
final class TileBands<T extends RealType<T> & NativeType<T>> {

	private final BigTiffLayout layout;
	private final CellGrid grid;
	private final LazyCellImg<T, BandBuffer> image;
	/** Per plane: bands before this one are in the file. */
	private final int[] flushed;
	private final Map<Long, Cell<BandBuffer>> live = new HashMap<>();
	private long bufferedBytes, peakBytes;

	TileBands(final BigTiffLayout layout) {
		this.layout = layout;
		final TiffOutputSpec s = layout.spec();
		grid = new CellGrid(new long[] { s.width(), s.height(), s.channels(), s.slices(), s.frames() }, new int[] {
			(int) s.width(), s.tileSize(), s.channels(), 1, 1 });
		flushed = new int[layout.planes()];
		image = new LazyCellImg<>(grid, ImgLib2Types.<T> of(s.sampleType()), this::cell);
	}

	LazyCellImg<T, BandBuffer> image() {
		return image;
	}

	private synchronized Cell<BandBuffer> cell(final long index) {
		final long[] position = new long[5];
		grid.getCellGridPositionFlat(index, position);
		final int band = (int) position[1];
		final long z = position[3], t = position[4];
		final int plane = layout.plane(z, t);
		if (band < flushed[plane]) throw new IllegalStateException("Cannot write rows " + firstRow(band) + " to " +
			(firstRow(band) + layout.bandRows(band) - 1) + " of plane z=" + z + ", t=" + t + ": they are already in the " +
			"file. The writer was told they were finished (rowsFinished), so they cannot change any more.");
		return live.computeIfAbsent(key(plane, band), k -> allocate(band, z, t));
	}

	/**
	 * Takes the band's buffer out of the image for writing to the file (an empty one if nothing was
	 * written into it); from now on the band cannot be touched. Bands must be taken in order.
	 */
	synchronized BandBuffer take(final int plane, final int band) {
		if (band != flushed[plane]) throw new IllegalStateException("band " + band + " taken out of order");
		flushed[plane] = band + 1;
		final Cell<BandBuffer> cell = live.remove(key(plane, band));
		if (cell != null) return cell.getData();
		final BandBuffer empty = BandBuffer.allocate(layout.spec().sampleType(), (int) layout.spec().width(), layout
			.bandRows(band), layout.spec().channels(), "band " + band + " of plane " + plane);
		bufferedBytes += empty.bytes();
		peakBytes = Math.max(peakBytes, bufferedBytes);
		return empty;
	}

	/** Frees a band taken and written. */
	synchronized void release(final BandBuffer band) {
		band.free();
		bufferedBytes -= band.bytes();
	}

	/** Whether anything was written into the band (it has a buffer) and it is not yet taken. */
	synchronized boolean written(final int plane, final int band) {
		return live.containsKey(key(plane, band));
	}

	synchronized int flushed(final int plane) {
		return flushed[plane];
	}

	synchronized long bufferedBytes() {
		return bufferedBytes;
	}

	synchronized long peakBytes() {
		return peakBytes;
	}

	/** Frees every band (the writer is closed). */
	synchronized void clear() {
		for (final Cell<BandBuffer> c : live.values())
			c.getData().free();
		live.clear();
		bufferedBytes = 0;
		java.util.Arrays.fill(flushed, layout.tilesDown());
	}

	private Cell<BandBuffer> allocate(final int band, final long z, final long t) {
		final TiffOutputSpec s = layout.spec();
		final int rows = layout.bandRows(band);
		final BandBuffer buffer = BandBuffer.allocate(s.sampleType(), (int) s.width(), rows, s.channels(), "rows " +
			firstRow(band) + " to " + (firstRow(band) + rows - 1) + " of plane z=" + z + ", t=" + t);
		bufferedBytes += buffer.bytes();
		peakBytes = Math.max(peakBytes, bufferedBytes);
		return new Cell<>(new int[] { (int) s.width(), rows, s.channels(), 1, 1 }, new long[] { 0, firstRow(band), 0,
			z, t }, buffer);
	}

	private long firstRow(final int band) {
		return (long) band * layout.spec().tileSize();
	}

	private long key(final int plane, final int band) {
		return (long) plane * layout.tilesDown() + band;
	}
}
