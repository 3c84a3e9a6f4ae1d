package org.restorej.restore.local;

import java.io.IOException;
import java.nio.file.Path;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;

import org.restorej.engine.Axes;
import org.restorej.engine.RestoreOptions;
import org.restorej.engine.Restorer;
import org.restorej.io.StreamedOutput;
import org.restorej.restore.OutputCompression;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.tiff.SampleType;
import org.restorej.tiff.read.TiffImageInfo;
import org.restorej.tiff.write.TiffOutputSpec;
import org.restorej.tiff.write.TiledTiffWriter;
import org.restorej.zarr.Compressor;
import org.restorej.zarr.OmeZarrInfo;
import org.restorej.zarr.OmeZarrWriter;
import org.restorej.zarr.ZarrOutputSpec;

/**
 * Restores a file into another without holding either image: TIFF or BigTIFF and OME-Zarr in, tiled
 * BigTIFF or OME-Zarr out (by the output's name), any combination. The input is read tile by tile or
 * chunk by chunk as the engine asks for it (through a cache of bounded size), and the output is
 * written band of tile rows by band as the engine finishes rows. Calibration and the dimension order
 * are carried over; TIFF to TIFF also keeps the input's GeoTIFF and GDAL tags unchanged.
 */
public final class StreamingRestore {

	/** TIFF tile side of the output: what GDAL and most viewers use. */
	static final int OUTPUT_TILE = 256;
	private static final Axes XYCZT = Axes.of("XYCZT");

	private final ModelCache models;
	private final Path model;

	public StreamingRestore(final ModelCache models, final Path model) {
		this.models = models;
		this.model = model;
	}

	/**
	 * Restores {@code input} into {@code output} (written under a temporary name, renamed when complete).
	 *
	 * @param compression the output's: {@link OutputCompression#AUTO} compresses when the input was compressed
	 *   (deflate for TIFF; OME-Zarr is always compressed, with blosc-zstd, unless {@code none})
	 * @throws org.restorej.io.OutputExistsException if {@code output} exists and {@code overwrite} is false
	 */
	public StreamingResult restore(final Path input, final Path output, final RestoreSettings settings,
		final OutputCompression compression, final boolean overwrite, final RunMonitor monitor) throws IOException
	{
		// an existing output without overwrite is refused by the writer, before any pixel is read
		final long start = System.nanoTime();
		try (StreamedInput in = StreamedInput.open(input)) {
			final Restorer restorer = models.restorer(model, EngineOptions.execution(settings), monitor.log());
			final long[] dims = restorer.outputDimensions(in.image(), XYCZT);
			final SampleType type = settings.outputType() == RestoreSettings.OutputType.SAME ? in.sampleType()
				: SampleType.FLOAT32;
			final RestoreOptions options = EngineOptions.restore(settings, dims[0], dims[1], input.getFileName()
				.toString(), monitor);
			final long written = restoreInto(restorer, in, output, dims, type, compression, overwrite, options);
			final StreamingResult r = new StreamingResult(in.pixels(), in.bytesRead(), written, System.nanoTime() - start);
			monitor.log().accept("Streamed " + input.getFileName() + " to " + output.getFileName() + ": " + r);
			return r;
		}
	}

	private static TiffOutputSpec tiffSpec(final StreamedInput in, final long[] dims, final SampleType type,
		final OutputCompression compression, final boolean overwrite)
	{
		final TiffImageInfo tiff = in.tiff();
		TiffOutputSpec spec = TiffOutputSpec.of(dims[0], dims[1], (int) dims[2], (int) dims[3], (int) dims[4], type)
			.withTileSize(OUTPUT_TILE).withCalibration(in.calibration()).withOverwrite(overwrite);
		if (tiff == null) return spec.withDeflate(compression == OutputCompression.DEFLATE || compression ==
			OutputCompression.AUTO && !in.zarr().compressor().equals("none"));
		return spec.withChannelsAsSamples(tiff.channelsAsSamples()).withDeflate(compression.deflate(tiff)).withByteOrder(
			tiff.byteOrder()).withCopiedFields(tiff.geoFields());
	}

	private static ZarrOutputSpec zarrSpec(final StreamedInput in, final long[] dims, final SampleType type,
		final OutputCompression compression, final boolean overwrite)
	{
		ZarrOutputSpec spec = ZarrOutputSpec.of(dims[0], dims[1], (int) dims[2], (int) dims[3], (int) dims[4], type)
			.withCalibration(in.calibration()).withOverwrite(overwrite);
		if (compression == OutputCompression.NONE) spec = spec.withCompressor(Compressor.NONE);
		else if (compression == OutputCompression.DEFLATE) spec = spec.withCompressor(Compressor.zlib(1));
		// a Zarr input keeps its own axes (a 1-channel "czyx" stays "czyx") where they hold the output
		if (in.zarr() != null) try {
			return spec.withAxes(in.zarr().axes().replace("x", "").replace("y", "") + "yx");
		}
		catch (final IllegalArgumentException e) {
			return spec;
		}
		return spec;
	}

	/**
	 * Restores {@code input} into a TIFF or an OME-Zarr {@code output} (by its name), rows written out as they are
	 * final.
	 */
	private static <T extends RealType<T> & NativeType<T>, O extends RealType<O> & NativeType<O>> long restoreInto(
		final Restorer restorer, final StreamedInput input, final Path output, final long[] dims, final SampleType type,
		final OutputCompression compression, final boolean overwrite, final RestoreOptions options) throws IOException
	{
		final RandomAccessibleInterval<T> image = input.image();
		try (StreamedOutput<O> writer = OmeZarrInfo.isZarr(output) ? OmeZarrWriter.create(output, zarrSpec(input, dims,
			type, compression, overwrite)) : TiledTiffWriter.create(output, tiffSpec(input, dims, type, compression,
				overwrite)))
		{
			restorer.restore(image, XYCZT, writer.output(), options.withRowsFinished(writer));
			writer.commit();
			return writer.bytesWritten();
		}
	}
}
