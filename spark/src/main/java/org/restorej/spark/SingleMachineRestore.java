package org.restorej.spark;

import java.io.IOException;
import java.nio.file.Path;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;

import org.restorej.engine.Restorer;
import org.restorej.engine.device.ModelLoader;
import org.restorej.engine.device.PlacedModel;
import org.restorej.model.ModelDescriptions;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.local.EngineOptions;
import org.restorej.tiff.SampleType;
import org.restorej.zarr.OmeZarrImage;
import org.restorej.zarr.OmeZarrInfo;
import org.restorej.zarr.OmeZarrWriter;
import org.restorej.zarr.ZarrOutputSpec;

/**
 * The single-machine restore of an OME-Zarr image that the cluster's must equal: the engine in this JVM
 * streaming from the core's reader to its writer, as the streamed TIFF restore does (the reference of the
 * tests and the benchmark's single-machine run, until {@code restorej restore} takes Zarr itself).
 */
final class SingleMachineRestore {

	private SingleMachineRestore() {}

	static <T extends RealType<T> & NativeType<T>, O extends RealType<O> & NativeType<O>> void restore(
		final Path input, final Path output, final Path model, final RestoreSettings s, final int chunk)
		throws IOException
	{
		final OmeZarrInfo info = OmeZarrInfo.read(input);
		final int in = ModelDescriptions.read(model).input().count(), out = ModelDescriptions.read(model).output()
			.count();
		final int channels = in == 1 && out == 1 ? info.channels() : out;
		ZarrOutputSpec spec = ZarrOutputSpec.of(info.width(), info.height(), channels, info.slices(), info.frames(), s
			.outputType() == RestoreSettings.OutputType.SAME ? info.sampleType() : SampleType.FLOAT32).withCalibration(info
				.calibration()).withChunk(chunk);
		if (channels == info.channels()) spec = spec.withAxes(info.axes());
		try (OmeZarrImage image = OmeZarrImage.open(input); PlacedModel placed = ModelLoader.load(model, EngineOptions
			.execution(s), m -> {}); OmeZarrWriter<O> writer = OmeZarrWriter.create(output, spec))
		{
			final RandomAccessibleInterval<T> pixels = image.image();
			Restorer.of(placed).restore(pixels, RestoreJob.XYCZT, writer.output(), EngineOptions.restore(s, info.width(),
				info.height(), input.getFileName().toString(), RunMonitor.SILENT).withRowsFinished(writer));
			writer.commit();
		}
	}
}
