package org.restorej.spark;

import java.io.Serializable;
import java.nio.file.Path;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.restorej.tiff.SampleType;
import org.restorej.zarr.OmeZarrWriter;
import org.restorej.zarr.Pyramid;
import org.restorej.zarr.ZarrArray;
import org.restorej.zarr.ZarrOutputSpec;

/**
 * How a task writes its block into the output the driver's {@link OmeZarrWriter} is writing: restored
 * pixels into level 0, or a pyramid level from the one above; whole chunks through {@link
 * ZarrArray#writeChunk} (atomic: a retried or speculative task replaces the same files with the same
 * bytes). Serialisable: the spec's dimensions, axes and chunk side, and the folder of level 0 (level L
 * is its sibling L, as NGFF names them and the writer creates them).
 */
record ChunkWriter(String level0, long width, long height, int channels, int slices, int frames, String sampleType,
	String axes, int chunk) implements Serializable
{

	static ChunkWriter of(final OmeZarrWriter<?> writer) {
		final ZarrOutputSpec s = writer.spec();
		return new ChunkWriter(writer.level0().folder().toString(), s.width(), s.height(), s.channels(), s.slices(), s
			.frames(), s.sampleType().name(), s.axes(), s.chunk());
	}

	private ZarrOutputSpec spec() {
		return ZarrOutputSpec.of(width, height, channels, slices, frames, SampleType.valueOf(sampleType)).withAxes(axes)
			.withChunk(chunk);
	}

	/** Writes {@code pixels} (XYCZT, the block's X and Y, min 0), the block's chunks in every plane. */
	<O extends RealType<O>> void write(final OutputBlock block, final RandomAccessibleInterval<O> pixels) {
		final ZarrArray array = ZarrArray.open(Path.of(level0));
		final ZarrOutputSpec spec = spec();
		final SampleType type = SampleType.valueOf(sampleType);
		final RandomAccess<O> ra = pixels.randomAccess();
		for (int t = 0; t < frames; t++)
			for (int z = 0; z < slices; z++)
				for (int c = 0; c < channels; c++)
					for (long y0 = 0; y0 < block.height(); y0 += chunk)
						for (long x0 = 0; x0 < block.width(); x0 += chunk) {
							// edge chunks padded with zeros, row-major (y then x)
							final Object data = switch (type) {
								case UINT8 -> new byte[chunk * chunk];
								case UINT16 -> new short[chunk * chunk];
								case FLOAT32 -> new float[chunk * chunk];
							};
							final long w = Math.min(chunk, block.width() - x0), h = Math.min(chunk, block.height() - y0);
							for (int y = 0; y < h; y++)
								for (int x = 0; x < w; x++) {
									ra.setPosition(new long[] { x0 + x, y0 + y, c, z, t });
									final double v = ra.get().getRealDouble();
									final int i = y * chunk + x;
									switch (type) {
										case UINT8 -> ((byte[]) data)[i] = (byte) v;
										case UINT16 -> ((short[]) data)[i] = (short) v;
										case FLOAT32 -> ((float[]) data)[i] = (float) v;
									}
								}
							array.writeChunk(OmeZarrWriter.chunkIndex(spec, (block.x() + x0) / chunk, (block.y() + y0) / chunk,
								c, z, t), data);
						}
	}

	/**
	 * Writes the block's chunks of pyramid level {@code block.level()}, in every plane, from the level above,
	 * which an earlier stage completed: the single-machine writer's {@link Pyramid#downsample}, so the bytes
	 * are the same.
	 */
	void downsample(final OutputBlock block) {
		final Path root = Path.of(level0).getParent();
		final ZarrArray above = ZarrArray.open(root.resolve(Integer.toString(block.level() - 1)));
		final ZarrArray target = ZarrArray.open(root.resolve(Integer.toString(block.level())));
		Pyramid.downsample(above, target, spec(), block.x() / chunk, block.y() / chunk, (block.x() + block.width() +
			chunk - 1) / chunk, (block.y() + block.height() + chunk - 1) / chunk);
	}
}
