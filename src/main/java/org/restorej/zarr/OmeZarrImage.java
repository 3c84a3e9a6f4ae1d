package org.restorej.zarr;

import java.nio.file.Path;
import java.util.function.ToLongFunction;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.cell.Cell;
import net.imglib2.img.cell.CellGrid;
import net.imglib2.img.cell.LazyCellImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;

import org.restorej.tiff.ImgLib2Types;
import org.restorej.tiff.read.CellCache;

/**
 * The full-resolution level of an OME-Zarr image (NGFF 0.4, Zarr v2) as a 5D ImgLib2 image (X, Y, C,
 * Z, T) like {@link org.restorej.tiff.read.TiffImage}: one cell per chunk, read when first touched and
 * kept in a cache bounded in bytes, so images far larger than the heap can be restored. Thread-safe.
 *
 * <pre>{@code
 * try (OmeZarrImage zarr = OmeZarrImage.open(Path.of("volume.zarr"))) {
 *   RandomAccessibleInterval<UnsignedShortType> xyczt = zarr.image();
 * }
 * }</pre>
 */
public final class OmeZarrImage implements AutoCloseable {

	public static final long DEFAULT_CACHE_BYTES = 256L << 20;

	private final OmeZarrInfo info;
	private final ZarrArray array;
	private final CellCache<Cell<ArrayDataAccess<?>>> cache;
	private final LazyCellImg<?, ?> image;

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private OmeZarrImage(final OmeZarrInfo info, final ZarrArray array, final long cacheBytes) {
		this.info = info;
		this.array = array;
		this.cache = new CellCache<>(cacheBytes);
		final int[] cell = { 1, 1, 1, 1, 1 };
		for (int d = 0; d < info.axes().length(); d++)
			cell[OmeZarrInfo.XYCZT.indexOf(info.axes().charAt(d))] = info.chunks()[d];
		final CellGrid grid = new CellGrid(new long[] { info.width(), info.height(), info.channels(), info.slices(), info
			.frames() }, cell);
		image = new LazyCellImg(grid, (NativeType) ImgLib2Types.of(info.sampleType()), (LazyCellImg.Get) index -> cell(
			grid, index));
	}

	public static OmeZarrImage open(final Path root) {
		return open(root, DEFAULT_CACHE_BYTES);
	}

	/** Opens {@code root}, reading its metadata now and its chunks on demand, cached up to {@code cacheBytes}. */
	public static OmeZarrImage open(final Path root, final long cacheBytes) {
		return open(root, info -> cacheBytes);
	}

	/** As {@link #open(Path, long)}, with a cache size chosen from the image's description, read once. */
	public static OmeZarrImage open(final Path root, final ToLongFunction<OmeZarrInfo> cacheBytes) {
		final Multiscales m = Multiscales.read(root);
		final ZarrArray level0 = ZarrArray.open(root.resolve(m.levels().get(0).path()));
		final OmeZarrInfo info = OmeZarrInfo.of(root, m, level0);
		return new OmeZarrImage(info, level0, cacheBytes.applyAsLong(info));
	}

	/** Another level of an image (or any array with these axes), e.g. to build the next level of a pyramid. */
	static OmeZarrImage level(final ZarrArray array, final String axes, final long cacheBytes) {
		final long[] shape = array.shape();
		final long[] xyczt = { 1, 1, 1, 1, 1 };
		for (int d = 0; d < axes.length(); d++)
			xyczt[OmeZarrInfo.XYCZT.indexOf(axes.charAt(d))] = shape[d];
		return new OmeZarrImage(new OmeZarrInfo(array.folder(), xyczt[0], xyczt[1], (int) xyczt[2], (int) xyczt[3],
			(int) xyczt[4], array.type(), org.restorej.tiff.PixelCalibration.none(), axes, array.chunks(), array
				.compressor().toString(), 1), array, cacheBytes);
	}

	public OmeZarrInfo info() {
		return info;
	}

	/** The image, X, Y, C, Z, T with min 0, of {@link OmeZarrInfo#sampleType()}'s ImgLib2 type. */
	@SuppressWarnings("unchecked")
	public <T extends RealType<T> & NativeType<T>> RandomAccessibleInterval<T> image() {
		return (RandomAccessibleInterval<T>) image;
	}

	/** Bytes of chunks read so far, as stored. */
	public long bytesRead() {
		return array.bytesRead();
	}

	public long cachedBytes() {
		return cache.bytes();
	}

	private Cell<ArrayDataAccess<?>> cell(final CellGrid grid, final long index) {
		final Cell<ArrayDataAccess<?>> cached = cache.get(index);
		if (cached != null) return cached;
		final long[] position = new long[5], min = new long[5];
		final int[] size = new int[5];
		grid.getCellGridPositionFlat(index, position);
		grid.getCellDimensions(position, min, size);
		final String axes = info.axes();
		final int n = axes.length();
		final long[] chunk = new long[n];
		// where one step along X, Y, C, Z, T moves in the chunk's C-order elements (0 for axes it lacks)
		final int[] stride = new int[5];
		final int[] chunks = array.chunks();
		int step = 1;
		for (int d = n - 1; d >= 0; d--) {
			final int at = OmeZarrInfo.XYCZT.indexOf(axes.charAt(d));
			chunk[d] = position[at];
			stride[at] = step;
			step *= chunks[d];
		}
		final Object data = array.readChunk(chunk);
		final int elements = size[0] * size[1] * size[2] * size[3] * size[4];
		final Object out = java.lang.reflect.Array.newInstance(data.getClass().getComponentType(), elements);
		int o = 0;
		for (int t = 0; t < size[4]; t++)
			for (int z = 0; z < size[3]; z++)
				for (int c = 0; c < size[2]; c++)
					for (int y = 0; y < size[1]; y++) {
						final int from = t * stride[4] + z * stride[3] + c * stride[2] + y * stride[1];
						if (stride[0] == 1) System.arraycopy(data, from, out, o, size[0]);
						else for (int x = 0; x < size[0]; x++)
							java.lang.reflect.Array.set(out, o + x, java.lang.reflect.Array.get(data, from + x * stride[0]));
						o += size[0];
					}
		final ArrayDataAccess<?> access = switch (info.sampleType()) {
			case UINT8 -> new ByteArray((byte[]) out);
			case UINT16 -> new ShortArray((short[]) out);
			case FLOAT32 -> new FloatArray((float[]) out);
		};
		final Cell<ArrayDataAccess<?>> cell = new Cell<>(size, min, access);
		cache.put(index, cell, (long) elements * info.sampleType().bytes());
		return cell;
	}

	@Override
	public void close() {
		cache.clear();
	}
}
