package org.restorej.restore.local;

import java.io.IOException;
import java.nio.file.Path;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;

import org.restorej.batch.OutputCompression;
import org.restorej.engine.Axes;
import org.restorej.engine.RestoreOptions;
import org.restorej.engine.Restorer;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.tiff.SampleType;
import org.restorej.tiff.read.TiffImage;
import org.restorej.tiff.read.TiffImageInfo;
import org.restorej.tiff.write.TiffOutputSpec;
import org.restorej.tiff.write.TiledTiffWriter;

/**
 * Restores a TIFF or BigTIFF file into a tiled BigTIFF without holding either image: the input is
 * read tile by tile as the engine asks for it (through a cache of bounded size), and the output is
 * written tile row by tile row as the engine finishes rows. Calibration, the dimension order and the
 * input's GeoTIFF and GDAL tags are carried over unchanged.
 */
public final class StreamingTiffRestore {

	/** TIFF tile side of the output: what GDAL and most viewers use. */
	static final int OUTPUT_TILE = 256;
	private static final Axes XYCZT = Axes.of("XYCZT");

	private final ModelCache models;
	private final Path model;

	public StreamingTiffRestore(final ModelCache models, final Path model) {
		this.models = models;
		this.model = model;
	}

	/**
	 * Restores {@code input} into {@code output} (written under a temporary name, renamed when complete).
	 *
	 * @param compression the output's: {@link OutputCompression#AUTO} deflates when the input was compressed
	 * @throws org.restorej.imagej.OutputExistsException if {@code output} exists and {@code overwrite} is false
	 */
	public StreamingResult restore(final Path input, final Path output, final RestoreSettings settings,
		final OutputCompression compression, final boolean overwrite, final RunMonitor monitor) throws IOException
	{
		// an existing output without overwrite is refused by the writer, before any pixel is read
		final long start = System.nanoTime();
		try (TiffImage in = TiffImage.open(input, cacheBudget())) {
			final TiffImageInfo info = in.info();
			final Restorer restorer = models.restorer(model, EngineOptions.execution(settings), monitor.log());
			final long[] dims = restorer.outputDimensions(in.image(), XYCZT);
			final SampleType type = settings.outputType() == RestoreSettings.OutputType.SAME ? info.sampleType()
				: SampleType.FLOAT32;
			final TiffOutputSpec spec = TiffOutputSpec.of(dims[0], dims[1], (int) dims[2], (int) dims[3], (int) dims[4],
				type).withChannelsAsSamples(info.channelsAsSamples()).withTileSize(OUTPUT_TILE).withDeflate(compression
					.deflate(info)).withByteOrder(info.byteOrder()).withCalibration(info.calibration()).withCopiedFields(info
						.geoFields()).withOverwrite(overwrite);
			final RestoreOptions options = EngineOptions.restore(settings, info.width(), info.height(), input.getFileName()
				.toString(), monitor);
			final long written = restoreInto(restorer, in, output, spec, options);
			final StreamingResult r = new StreamingResult(info.pixels(), in.bytesRead(), written, System.nanoTime() -
				start);
			monitor.log().accept("Streamed " + input.getFileName() + " to " + output.getFileName() + ": " + r);
			return r;
		}
	}

	private static <T extends RealType<T> & NativeType<T>, O extends RealType<O> & NativeType<O>> long restoreInto(
		final Restorer restorer, final TiffImage input, final Path output, final TiffOutputSpec spec,
		final RestoreOptions options) throws IOException
	{
		final RandomAccessibleInterval<T> image = input.image();
		try (TiledTiffWriter<O> writer = TiledTiffWriter.create(output, spec)) {
			restorer.restore(image, XYCZT, writer.output(), options.withRowsFinished(writer));
			writer.commit();
			return writer.bytesWritten();
		}
	}

	/**
	 * Bytes of input tiles kept in memory: a quarter of the heap within 64 MiB..1 GiB, enough for the
	 * rows of tiles one band of the engine's tiles reads, so that neighbouring bands rarely read a file
	 * tile twice.
	 */
	static long cacheBudget() {
		return Math.max(64L << 20, Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 4));
	}
}
