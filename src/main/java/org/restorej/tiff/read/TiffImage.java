package org.restorej.tiff.read;

import java.nio.file.Path;
import java.util.function.ToLongFunction;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.cell.Cell;
import net.imglib2.img.cell.CellGrid;
import net.imglib2.img.cell.LazyCellImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;

import org.restorej.tiff.ImgLib2Types;
import org.restorej.tiff.InvalidTiffException;

/**
 * A TIFF or BigTIFF file seen as a 5D ImgLib2 image (X, Y, C, Z, T) whose pixels are read from the file
 * when first touched, one tile (or group of strips) of one channel at a time, and kept in a cache
 * bounded in bytes: images far larger than the heap can be processed. Thread-safe.
 *
 * <pre>{@code
 * try (TiffImage tiff = TiffImage.open(path)) {
 *   RandomAccessibleInterval<FloatType> xyczt = tiff.image();
 *   RandomAccessibleInterval<FloatType> plane = Views.hyperSlice(Views.hyperSlice(Views.hyperSlice(xyczt, 4, t), 3, z), 2, c);
 * }
 * }</pre>
 *
 * Every problem with the file is an {@link InvalidTiffException} naming it: at open for its structure,
 * later (from the image's accessors) for the data of a block.
 */
public final class TiffImage implements AutoCloseable {

	/** Cache budget of {@link #open(Path)}. */
	public static final long DEFAULT_CACHE_BYTES = 256L << 20;
	/** Strips are grouped into cells of at least this many bytes, so that cells are not tiny. */
	static final int MIN_STRIP_CELL_BYTES = 64 << 10;

	private final FileBytes in;
	private final TiffImageInfo info;
	private final CellCache<Cell<ArrayDataAccess<?>>> cache;
	private final LazyCellImg<?, ?> image;

	private TiffImage(final FileBytes in, final TiffImageInfo info, final CellCache<Cell<ArrayDataAccess<?>>> cache,
		final LazyCellImg<?, ?> image)
	{
		this.in = in;
		this.info = info;
		this.cache = cache;
		this.image = image;
	}

	public static TiffImage open(final Path file) {
		return open(file, DEFAULT_CACHE_BYTES);
	}

	/** Opens {@code file}, reading its directories now and its pixels on demand; cells are cached up to {@code cacheBytes}. */
	public static TiffImage open(final Path file, final long cacheBytes) {
		return open(file, info -> cacheBytes);
	}

	/** As {@link #open(Path, long)}, with a cache size chosen from the file's description, read once. */
	public static TiffImage open(final Path file, final ToLongFunction<TiffImageInfo> cacheBytes) {
		final FileBytes in = FileBytes.open(file);
		try {
			return open(in, cacheBytes);
		}
		catch (final RuntimeException e) {
			in.close();
			throw e;
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static TiffImage open(final FileBytes in, final ToLongFunction<TiffImageInfo> cacheBytes) {
		final TiffStructure structure = TiffStructure.read(in);
		final StackLayout stack = structure.stack();
		final PageLayout p0 = structure.firstPage();
		final int[] cell = cellSize(in.file(), p0);
		final long[] dims = { p0.width(), p0.height(), stack.channels(), stack.slices(), stack.frames() };
		final CellGrid grid = new CellGrid(dims, new int[] { cell[0], cell[1], 1, 1, 1 });
		final CellCache<Cell<ArrayDataAccess<?>>> cache = new CellCache<>(cacheBytes.applyAsLong(structure.info()));
		final CellLoader loader = new CellLoader(stack, grid, new BlockReader(in, structure.header().order()), cache);
		final LazyCellImg<?, ?> image = new LazyCellImg(grid, (NativeType) ImgLib2Types.of(p0.sampleType()),
			(LazyCellImg.Get) loader);
		return new TiffImage(in, structure.info(), cache, image);
	}

	/**
	 * Width and height of a cell: a tile, or for strips whole rows in groups of at least
	 * {@link #MIN_STRIP_CELL_BYTES} (whole strips when compressed, any rows when not).
	 */
	private static int[] cellSize(final Path file, final PageLayout p) {
		if (p.tiled()) return new int[] { p.blockWidth(), p.blockHeight() };
		final long rowBytes = p.width() * p.stored().bytes();
		final long rows;
		if (p.compression() == 1) rows = Math.min(p.height(), Math.max(1, (MIN_STRIP_CELL_BYTES + rowBytes - 1) /
			rowBytes));
		else {
			final long stripBytes = rowBytes * p.blockHeight();
			rows = Math.min(p.height(), p.blockHeight() * Math.max(1, (MIN_STRIP_CELL_BYTES + stripBytes - 1) /
				stripBytes));
		}
		if (p.width() * rows > Integer.MAX_VALUE / 4) throw new InvalidTiffException(file, "its strips of " + p
			.blockHeight() + " rows of " + p.width() + " pixels are too large to read one at a time", PageLayout.CONVERT);
		return new int[] { (int) p.width(), (int) rows };
	}

	public TiffImageInfo info() {
		return info;
	}

	/** The image, X, Y, C, Z, T with min 0; its type is {@link TiffImageInfo#sampleType()}'s ImgLib2 type. */
	@SuppressWarnings("unchecked")
	public <T extends RealType<T> & NativeType<T>> RandomAccessibleInterval<T> image() {
		return (RandomAccessibleInterval<T>) image;
	}

	/** Bytes read from the file so far (compressed blocks as stored, and the directories). */
	public long bytesRead() {
		return in.bytesRead();
	}

	/** Bytes of pixels the cell cache holds now; never more than the budget given to {@link #open(Path, long)}. */
	public long cachedBytes() {
		return cache.bytes();
	}

	@Override
	public void close() {
		cache.clear();
		in.close();
	}
}
