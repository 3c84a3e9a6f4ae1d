package org.restorej.tiff.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;

import org.restorej.io.OutputExistsException;
import org.restorej.io.OutputFile;
import org.restorej.io.StreamedOutput;
import org.restorej.tiff.TiffField;

/**
 * Writes an image larger than memory as a tiled BigTIFF, band of tile rows by band, as it is
 * produced. Pixels go into {@link #output()}; when rows are final ({@link #rowsFinished}, which the
 * restoration engine calls), their tiles are encoded, appended to the file and their memory freed.
 * {@link #commit()} writes the directories and renames the file into place.
 *
 * <pre>
 * try (TiledTiffWriter&lt;UnsignedShortType&gt; writer = TiledTiffWriter.create(target, spec)) {
 * 	restorer.restore(input, Axes.of("XYCZT"), writer.output(), options.withRowsFinished(writer));
 * 	writer.commit();
 * }
 * </pre>
 *
 * The file grows under a temporary name in the target's folder ({@link OutputFile}); without a commit
 * (an exception, a cancel) closing deletes it, so no half-written file is ever left under the target's name.
 */
public final class TiledTiffWriter<T extends RealType<T> & NativeType<T>> implements StreamedOutput<T>
{

	private final Path target;
	private final OutputFile output;
	private final TiffOutputSpec spec;
	private final BigTiffLayout layout;
	private final TileBands<T> bands;
	private final TileEncoder encoder;
	private final FileChannel file;
	/** Per page, per tile (row by row): where its bytes are and how many. */
	private final long[][] offsets, byteCounts;
	private long end;
	private boolean committed, closed;

	private TiledTiffWriter(final OutputFile output, final TiffOutputSpec spec, final FileChannel file)
		throws IOException
	{
		this.output = output;
		this.target = output.target();
		this.spec = spec;
		this.file = file;
		layout = BigTiffLayout.of(spec);
		bands = new TileBands<>(layout);
		encoder = new TileEncoder(layout);
		offsets = new long[spec.pages()][layout.tilesPerPage()];
		byteCounts = new long[spec.pages()][layout.tilesPerPage()];
		end = writeAt(0, header(0));
	}

	/**
	 * Starts writing {@code target}: a temporary file next to it, renamed on {@link #commit()}.
	 *
	 * @throws OutputExistsException if {@code target} exists and the spec does not allow overwriting
	 * @throws UncheckedIOException if the temporary file cannot be created
	 */
	public static <T extends RealType<T> & NativeType<T>> TiledTiffWriter<T> create(final Path target,
		final TiffOutputSpec spec)
	{
		final OutputFile output = OutputFile.create(target, spec.overwrite());
		FileChannel file = null;
		try {
			file = FileChannel.open(output.temporary(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
			return new TiledTiffWriter<>(output, spec, file);
		}
		catch (final IOException | RuntimeException e) {
			try {
				if (file != null) file.close();
				output.close();
			}
			catch (final IOException | RuntimeException suppressed) {
				e.addSuppressed(suppressed);
			}
			if (e instanceof IOException io) throw new UncheckedIOException("Cannot create " + output.temporary() + ": " +
				e.getMessage(), io);
			throw (RuntimeException) e;
		}
	}

	/**
	 * The image to write into: X, Y, C, Z, T, min 0, of the spec's sample type. Rows are held in memory
	 * from the first write into their band of tiles until they are finished; writing rows already
	 * finished throws {@link IllegalStateException}.
	 */
	public RandomAccessibleInterval<T> output() {
		return bands.image();
	}

	public TiffOutputSpec spec() {
		return spec;
	}

	/**
	 * Writes every complete band of tile rows of plane {@code (z, t)} above {@code yEnd} to the file and
	 * frees it. Rows beyond {@code yEnd} in a band that is not complete stay in memory.
	 *
	 * @throws UncheckedIOException if the file cannot be written
	 */
	@Override
	public synchronized void rowsFinished(final long z, final long t, final long yEnd) {
		if (closed || committed) throw new IllegalStateException("the writer of " + target + " is " + (committed
			? "committed" : "closed"));
		if (z < 0 || z >= spec.slices() || t < 0 || t >= spec.frames()) throw new IndexOutOfBoundsException("plane z=" +
			z + ", t=" + t + " is not in " + spec.slices() + " slices x " + spec.frames() + " frames");
		final int plane = layout.plane(z, t);
		final int complete = yEnd >= spec.height() ? layout.tilesDown() : (int) (Math.max(0, yEnd) / spec.tileSize());
		try {
			for (int band = bands.flushed(plane); band < complete; band++)
				writeBand(plane, band);
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
		}
	}

	/**
	 * Writes the rows not yet written and the directories, forces the file to disk and renames it to
	 * the target. The writer can then only be closed.
	 *
	 * @throws OutputExistsException if the target appeared meanwhile and may not be replaced
	 */
	public synchronized void commit() throws IOException {
		if (committed) return;
		for (int t = 0; t < spec.frames(); t++)
			for (int z = 0; z < spec.slices(); z++)
				rowsFinished(z, t, spec.height());
		final ByteBuffer first = writeDirectories();
		writeAt(0, first);
		file.force(true);
		file.close();
		output.commit();
		committed = true;
		bands.clear();
	}

	/** Bytes in the file so far (the header, tiles written, and after a commit the directories). */
	public synchronized long bytesWritten() {
		return end;
	}

	/** Bytes of pixels held in memory now: the bands written into and not yet finished. */
	public long bufferedBytes() {
		return bands.bufferedBytes();
	}

	/** The most bytes of pixels held at once so far. */
	public long peakBufferedBytes() {
		return bands.peakBytes();
	}

	/** Without a commit, deletes the temporary file: nothing is left behind. */
	@Override
	public synchronized void close() {
		if (closed) return;
		closed = true;
		bands.clear();
		encoder.close();
		try {
			file.close();
		}
		catch (final IOException e) {
			// nothing more will be written; the output below deletes the unfinished file
		}
		finally {
			output.close();
		}
	}

	private void writeBand(final int plane, final int band) throws IOException {
		final BandBuffer buffer = bands.take(plane, band);
		try {
			final int samples = spec.samplesPerPixel();
			for (int c = 0; c < spec.channels(); c += samples) {
				final int page = layout.page(plane, c);
				for (int column = 0; column < layout.tilesAcross(); column++) {
					final ByteBuffer tile = encoder.encode(buffer, column, c, samples);
					final int index = band * layout.tilesAcross() + column;
					offsets[page][index] = end;
					byteCounts[page][index] = tile.remaining();
					end = writeAt(end, tile);
				}
			}
		}
		finally {
			bands.release(buffer);
		}
	}

	/** Writes the pages' directories after the tiles; returns the header pointing at the first. */
	private ByteBuffer writeDirectories() throws IOException {
		long at = IfdWriter.align(end);
		final long first = at;
		for (int page = 0; page < spec.pages(); page++) {
			final List<TiffField> entries = PageEntries.of(spec, page == 0, offsets[page], byteCounts[page]);
			final long next = page + 1 < spec.pages() ? IfdWriter.align(at + IfdWriter.size(entries)) : 0;
			end = IfdWriter.write(file, at, entries, next, spec.byteOrder());
			at = next;
		}
		return header(first);
	}

	private ByteBuffer header(final long firstDirectory) {
		final ByteBuffer h = ByteBuffer.allocate(BigTiffLayout.HEADER_BYTES).order(spec.byteOrder());
		final byte mark = (byte) (spec.byteOrder() == java.nio.ByteOrder.LITTLE_ENDIAN ? 'I' : 'M');
		h.put(mark).put(mark).putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(firstDirectory);
		return h.flip();
	}

	private long writeAt(final long at, final ByteBuffer bytes) throws IOException {
		long p = at;
		while (bytes.hasRemaining())
			p += file.write(bytes, p);
		return Math.max(end, p);
	}
}
