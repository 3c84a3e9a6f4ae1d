package org.restorej.zarr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;

import org.restorej.io.OutputFile;
import org.restorej.io.StreamedOutput;
import org.restorej.tiff.write.BandedOutput;
import org.restorej.tiff.write.TiffOutputSpec;

/**
 * Writes an OME-Zarr image (NGFF 0.4, Zarr v2): level 0 chunk by chunk, then on {@link #commit()} a
 * pyramid of levels halved in y and x ({@link Pyramid}) until a plane fits one chunk, the
 * multiscales metadata with the input's scale, and finally the rename of the temporary folder onto
 * the target: nothing is visible under the target's name before the image is complete.
 *
 * <p>Level 0 is written either by the engine through {@link #output()} and {@link #rowsFinished}, band
 * of chunk rows by band (heap bounded as for BigTIFF), or chunk by chunk from other processes (Spark
 * tasks) into {@link #level0()}'s folder, which {@link ZarrArray#writeChunk} does atomically. Those
 * processes may build pyramid levels too ({@link #level}, {@link Pyramid#downsample}, then {@link
 * #levelWritten}); commit() builds the rest, with the same code, so the bytes are the same either way.
 */
public final class OmeZarrWriter<T extends RealType<T> & NativeType<T>> implements StreamedOutput<T>
{
	private final ZarrOutputSpec spec;
	private final OutputFile output;
	private final ZarrArray level0;
	private final BandedOutput<T> bands;
	private final List<ZarrArray> levels = new ArrayList<>();
	private final Set<Integer> done = new HashSet<>();
	private boolean committed, closed;

	private OmeZarrWriter(final ZarrOutputSpec spec, final OutputFile output) {
		this.spec = spec;
		this.output = output;
		level0 = ZarrArray.create(output.temporary().resolve("0"), shape(spec, 0), chunks(spec), spec.sampleType(), spec
			.compressor());
		bands = new BandedOutput<>(TiffOutputSpec.of(spec.width(), spec.height(), spec.channels(), spec.slices(), spec
			.frames(), spec.sampleType()).withTileSize(spec.chunk()));
	}

	/**
	 * Starts writing {@code target}: a temporary folder beside it holding level 0's metadata.
	 *
	 * @throws org.restorej.io.OutputExistsException if {@code target} exists and the spec does not allow overwriting
	 */
	public static <T extends RealType<T> & NativeType<T>> OmeZarrWriter<T> create(final Path target,
		final ZarrOutputSpec spec)
	{
		final OutputFile output = OutputFile.create(target, spec.overwrite());
		try {
			return new OmeZarrWriter<>(spec, output);
		}
		catch (final RuntimeException e) {
			output.close();
			throw e;
		}
	}

	public ZarrOutputSpec spec() {
		return spec;
	}

	/** Level 0, in the temporary folder: where other processes write their chunks. */
	public ZarrArray level0() {
		return level0;
	}

	/** The number of pyramid levels below level 0: each halves y and x until a plane fits one chunk. */
	public int pyramidLevels() {
		int n = 0;
		while (Math.max(shape(spec, n)[yAxis()], shape(spec, n)[xAxis()]) > spec.chunk())
			n++;
		return n;
	}

	/**
	 * Level {@code level} (0 to {@link #pyramidLevels()}) in the temporary folder, its metadata written on
	 * the first call: where other processes write that level's chunks with {@link Pyramid#downsample}.
	 */
	public synchronized ZarrArray level(final int level) {
		if (level == 0) return level0;
		if (level < 0 || level > pyramidLevels()) throw new IllegalArgumentException("level " + level + " of " + output
			.target() + ": 0 to " + pyramidLevels());
		while (levels.size() < level)
			levels.add(ZarrArray.create(output.temporary().resolve(Integer.toString(levels.size() + 1)), shape(spec, levels
				.size() + 1), chunks(spec), spec.sampleType(), spec.compressor()));
		return levels.get(level - 1);
	}

	/** Says that other processes wrote every chunk of {@code level}: {@link #commit()} does not build it again. */
	public synchronized void levelWritten(final int level) {
		level(level);
		done.add(level);
	}

	/** The shape of {@code level} in the spec's axis order. */
	public static long[] shape(final ZarrOutputSpec spec, final int level) {
		final String axes = spec.axes();
		final long[] s = new long[axes.length()];
		for (int d = 0; d < s.length; d++) {
			final char a = axes.charAt(d);
			s[d] = spec.size(a);
			if (a == 'x' || a == 'y') for (int k = 0; k < level; k++)
				s[d] = (s[d] + 1) / 2;
		}
		return s;
	}

	private long chunksAcross(final long size) {
		return (size + spec.chunk() - 1) / spec.chunk();
	}

	/** The image to write into: X, Y, C, Z, T, min 0; rows are buffered until {@link #rowsFinished}. */
	public RandomAccessibleInterval<T> output() {
		return bands.image();
	}

	@Override
	public synchronized void rowsFinished(final long z, final long t, final long yEnd) {
		if (closed || committed) throw new IllegalStateException("the writer of " + output.target() + " is " + (committed
			? "committed" : "closed"));
		bands.finish(z, t, yEnd, this::writeBand);
	}

	private void writeBand(final long z, final long t, final int band, final long firstRow, final int rows,
		final BandedOutput.Rows pixels)
	{
		final int side = spec.chunk(), bytes = spec.sampleType().bytes();
		final long across = (spec.width() + side - 1) / side;
		for (int c = 0; c < spec.channels(); c++)
			for (long column = 0; column < across; column++) {
				final ByteBuffer chunk = ByteBuffer.allocate(side * side * bytes).order(ByteOrder.LITTLE_ENDIAN);
				final int x = (int) (column * side);
				final int count = (int) Math.min(side, spec.width() - x);
				for (int row = 0; row < rows; row++)
					pixels.copyRow(row, x, count, c, chunk, row * side * bytes);
				level0.writeRawChunk(chunkIndex(spec, column, band, c, z, t), chunk.array());
			}
	}

	/** The index of the chunk of level 0 at chunk column {@code cx}, chunk row {@code cy} of plane (c, z, t). */
	public static long[] chunkIndex(final ZarrOutputSpec spec, final long cx, final long cy, final long c, final long z,
		final long t)
	{
		final String axes = spec.axes();
		final long[] index = new long[axes.length()];
		for (int d = 0; d < index.length; d++)
			index[d] = switch (axes.charAt(d)) {
				case 'x' -> cx;
				case 'y' -> cy;
				case 'c' -> c;
				case 'z' -> z;
				default -> t;
			};
		return index;
	}

	/**
	 * Writes what the engine left unwritten, the pyramid and the metadata, then renames the folder to the
	 * target. The writer can then only be closed.
	 */
	public synchronized void commit() throws IOException {
		if (committed) return;
		for (int t = 0; t < spec.frames(); t++)
			for (int z = 0; z < spec.slices(); z++)
				rowsFinished(z, t, spec.height());
		bands.clear();
		final List<Multiscales.Level> levels = new ArrayList<>();
		levels.add(new Multiscales.Level("0", scale(0)));
		for (int level = 1; level <= pyramidLevels(); level++) {
			if (!done.contains(level)) {
				final ZarrArray target = level(level);
				final long[] shape = shape(spec, level);
				Pyramid.downsample(level(level - 1), target, spec, 0, 0, chunksAcross(shape[xAxis()]), chunksAcross(
					shape[yAxis()]));
			}
			levels.add(new Multiscales.Level(Integer.toString(level), scale(level)));
		}
		final List<Multiscales.Axis> axes = new ArrayList<>();
		for (final char a : spec.axes().toCharArray())
			axes.add(new Multiscales.Axis(String.valueOf(a), a == 't' ? "time" : a == 'c' ? "channel" : "space", unit(a)));
		new Multiscales(axes, levels).write(output.temporary(), output.target().getFileName().toString());
		output.commit();
		committed = true;
	}

	private String unit(final char a) {
		if (a == 'c') return "";
		if (a == 't') return spec.calibration().frameInterval() > 0 ? "second" : "";
		return OmeZarrInfo.ngffUnit(spec.calibration().unit());
	}

	private double[] scale(final int level) {
		final String axes = spec.axes();
		final double[] s = new double[axes.length()];
		final double f = Math.pow(2, level);
		for (int d = 0; d < s.length; d++)
			s[d] = switch (axes.charAt(d)) {
				case 'x' -> spec.calibration().pixelWidth() * f;
				case 'y' -> spec.calibration().pixelHeight() * f;
				case 'z' -> spec.calibration().pixelDepth();
				case 't' -> spec.calibration().frameInterval() > 0 ? spec.calibration().frameInterval() : 1;
				default -> 1;
			};
		return s;
	}

	private int xAxis() {
		return spec.axes().indexOf('x');
	}

	private int yAxis() {
		return spec.axes().indexOf('y');
	}

	private static int[] chunks(final ZarrOutputSpec spec) {
		final String axes = spec.axes();
		final int[] c = new int[axes.length()];
		for (int d = 0; d < c.length; d++)
			c[d] = axes.charAt(d) == 'x' || axes.charAt(d) == 'y' ? spec.chunk() : 1;
		return c;
	}

	/** Bytes of chunks this writer wrote (level 0 from the engine and the pyramid), as stored. */
	public synchronized long bytesWritten() {
		long n = level0.bytesWritten();
		for (final ZarrArray a : levels)
			n += a.bytesWritten();
		return n;
	}

	public long peakBufferedBytes() {
		return bands.peakBufferedBytes();
	}

	/** Without a commit, deletes the temporary folder: nothing is left behind. */
	@Override
	public synchronized void close() {
		if (closed) return;
		closed = true;
		bands.clear();
		try {
			output.close();
		}
		catch (final UncheckedIOException e) {
			if (!committed) throw e;
		}
	}
}
