package org.restorej.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;

import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.restorej.RestoreJException;
import org.restorej.engine.Axes;
import org.restorej.engine.RestoreOptions;
import org.restorej.engine.Restorer;
import org.restorej.engine.normalize.Normalization;
import org.restorej.engine.tiling.Span;
import org.restorej.io.OutputExistsException;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.restore.InvalidSettingException;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.local.EngineOptions;
import org.restorej.tiff.ImgLib2Types;
import org.restorej.tiff.SampleType;
import org.restorej.zarr.OmeZarrInfo;
import org.restorej.zarr.OmeZarrWriter;
import org.restorej.zarr.ZarrOutputSpec;

/**
 * One restoration of an OME-Zarr image on a Spark cluster, as a few stages over a grid of output blocks:
 * <ol>
 * <li>the driver opens the input, writes the output's metadata under a temporary name and cuts level 0
 * into blocks of whole output chunks;</li>
 * <li>if the normalisation needs statistics of the whole image (percentiles), one distributed pass
 * counts each block's values and the driver merges the counts ({@link DistributedPercentiles}): the same
 * percentiles as one machine's scan, mapped the same way;</li>
 * <li>each task restores its block with the engine ({@link Restorer#restoreRegion}: the tiles of the
 * whole image's grid that touch it, each reading its halo from the input) and writes the block's
 * chunks, which no other task writes: a retried or speculative task rewrites the same bytes;</li>
 * <li>one stage per pyramid level, each task halving a block of the level above with the single-machine
 * writer's {@link org.restorej.zarr.Pyramid#downsample} (so the levels are the same bytes);</li>
 * <li>the driver's {@link OmeZarrWriter#commit()} writes the metadata and renames the output into
 * place.</li>
 * </ol>
 * The model travels with the job as a zip (or is read from shared storage) and is loaded once per
 * executor JVM ({@link ExecutorModels}).
 */
final class RestoreJob {

	/** What a run did, for the driver's last line. */
	record Result(Path output, long width, long height, int blocks, int levels, Duration time) {
		@Override
		public String toString() {
			return String.format("Restored %dx%d into %s: %d blocks, %d pyramid level(s), %.1f s", width, height, output,
				blocks, levels, time.toMillis() / 1000.0);
		}
	}

	private final Path input, output, modelDir;
	private final boolean sharedModel;
	private final RestoreSettings settings;
	private final long blockSide;
	private final int chunk;
	private final boolean overwrite;
	private final Consumer<String> log;

	RestoreJob(final Path input, final Path output, final Path modelDir, final boolean sharedModel,
		final RestoreSettings settings, final long blockSide, final int chunk, final boolean overwrite,
		final Consumer<String> log)
	{
		this.chunk = chunk;
		this.input = input.toAbsolutePath().normalize();
		this.output = output.toAbsolutePath().normalize();
		this.modelDir = modelDir.toAbsolutePath().normalize();
		this.sharedModel = sharedModel;
		this.settings = settings;
		this.blockSide = blockSide;
		this.overwrite = overwrite;
		this.log = log;
	}

	Result run(final JavaSparkContext sc) {
		final long start = System.nanoTime();
		if (input.equals(output)) throw new OutputExistsException(output, "it is the input; choose another output.");
		if (settings.tile() == RestoreSettings.WHOLE_PLANE) throw new InvalidSettingException("tile", "none",
			"a tile side (or auto): with one tile per plane every block would restore the whole plane");
		final OmeZarrInfo in = OmeZarrInfo.read(input);
		final ModelDescription model = ModelDescriptions.read(modelDir);
		final int channels = outputChannels(in.channels(), model);
		ZarrOutputSpec spec = ZarrOutputSpec.of(in.width(), in.height(), channels, in.slices(), in.frames(), settings
			.outputType() == RestoreSettings.OutputType.SAME ? in.sampleType() : SampleType.FLOAT32).withCalibration(in
				.calibration()).withChunk(chunk).withOverwrite(overwrite);
		if (channels == in.channels()) spec = spec.withAxes(in.axes());
		final TaskProgress progress = new TaskProgress(log);
		sc.sc().addSparkListener(progress);
		// nothing appears under the output's name before commit(); closing without it deletes the temporary folder
		try (OmeZarrWriter<?> writer = OmeZarrWriter.create(output, spec)) {
			// the tasks write level 0's chunks; the writer's engine rows stay unwritten, so commit() skips them
			final String zip;
			if (sharedModel) zip = null;
			else {
				final Path packed = ModelArchive.zip(modelDir, Files.createTempDirectory("restorej-spark-model"));
				packed.toFile().deleteOnExit();
				packed.getParent().toFile().deleteOnExit();
				sc.addFile(packed.toString());
				zip = packed.getFileName().toString();
			}
			final List<OutputBlock> blocks = BlockGrid.of(0, in.width(), in.height(), spec.chunk(), spec.chunk(),
				blockSide);
			final Normalization normalization = resolveNormalization(sc, in, model, blocks, progress);
			log.accept("Restoring " + input.getFileName() + " (" + in.axes() + ", " + in.width() + "x" + in.height() +
				") with " + model.name() + " in " + blocks.size() + " blocks of up to " + blocks.get(0).width() + "x" + blocks
					.get(0).height());
			final BlockTask task = new BlockTask(input.toString(), ChunkWriter.of(writer), zip, sharedModel ? modelDir
				.toString() : null, settings.toOptions(), normalization instanceof Normalization.FixedRange f ? new double[] {
					f.low(), f.high() } : null);
			progress.naming("restoring level 0");
			runStage(sc.parallelize(blocks, blocks.size()), task::restore);
			final ChunkWriter layout = ChunkWriter.of(writer);
			final String outputName = output.toString();
			for (int level = 1; level <= writer.pyramidLevels(); level++) {
				final long[] shape = writer.level(level).shape();
				final List<OutputBlock> levelBlocks = BlockGrid.of(level, shape[spec.axes().indexOf('x')], shape[spec.axes()
					.indexOf('y')], spec.chunk(), spec.chunk(), blockSide);
				progress.naming("pyramid level " + level);
				runStage(sc.parallelize(levelBlocks, levelBlocks.size()), b -> downsample(layout, b, outputName));
				writer.levelWritten(level);
			}
			log.accept("Writing the metadata of " + output.getFileName());
			writer.commit();
			return new Result(output, in.width(), in.height(), blocks.size(), OmeZarrInfo.read(output).levels(), Duration
				.ofNanos(System.nanoTime() - start));
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		finally {
			sc.sc().removeSparkListener(progress);
		}
	}

	private static int outputChannels(final int channels, final ModelDescription model) {
		return model.input().count() == 1 && model.output().count() == 1 ? channels : model.output().count();
	}

	/** Runs one stage; a failed block (after Spark's retries) ends the job with the block and its cause. */
	private static void runStage(final JavaRDD<OutputBlock> blocks, final VoidFunction<OutputBlock> work) {
		try {
			blocks.foreach(work);
		}
		catch (final Exception e) {
			// Spark throws its (checked) SparkException from Scala, undeclared
			if (!(e instanceof SparkException) && e instanceof RuntimeException r) throw r;
			throw new RestoreJException(blockFailure(e), e);
		}
	}

	private static String blockFailure(final Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause())
			if (t instanceof BlockFailedException) return t.getMessage();
		// the task's exception did not reach the driver: Spark's message names the task and its cause
		final String m = e.getMessage() == null ? e.toString() : e.getMessage();
		final int at = m.indexOf("BlockFailedException: ");
		return at >= 0 ? m.substring(at + "BlockFailedException: ".length()).lines().findFirst().orElse(m) : m;
	}

	/**
	 * The engine's normalisation for the tasks: as the settings and the model ask, with percentiles of the
	 * whole image computed here once and handed on as the fixed range they map (the same map).
	 */
	private Normalization resolveNormalization(final JavaSparkContext sc, final OmeZarrInfo in,
		final ModelDescription model, final List<OutputBlock> blocks, final TaskProgress progress)
	{
		final RestoreOptions o = EngineOptions.restore(settings, in.width(), in.height(), input.getFileName().toString(),
			RunMonitor.SILENT);
		final Normalization n = Normalization.appliedWith(o.normalization(), model);
		final long planes = (long) in.slices() * in.frames();
		if (n instanceof Normalization.Standardize || n instanceof Normalization.Percentile p && (p.perChannel() && in
			.channels() > 1 || p.scope() == Normalization.Scope.PLANE && planes > 1))
			throw new RestoreJException("The normalisation " + Normalization.text(n) + " of " + model.name() + " needs " +
				"statistics per plane or channel, which the Spark job does not compute yet: restore " + input + " with " +
				"--normalize percentile (over the whole image), --normalize range, or on one machine.");
		if (!(n instanceof Normalization.Percentile p)) return n;
		progress.naming("counting intensities for percentiles " + p.low() + ", " + p.high());
		final double[] v = DistributedPercentiles.of(sc, input.toString(), blocks, p.low(), p.high());
		final ModelDescription.ValueRange range = model.valueRange();
		final double low = range == null ? 0 : range.min(), high = range == null ? 1 : range.max();
		log.accept("Normalising " + input.getFileName() + " (the image): percentile " + p.low() + " = " + v[0] +
			", percentile " + p.high() + " = " + v[1] + " -> [" + low + ", " + high + "]");
		// a constant image is shifted, not scaled, as on one machine: the range of the model's width from it
		return v[1] > v[0] ? Normalization.fixed(v[0], v[1]) : Normalization.fixed(v[0], v[0] + (high - low));
	}

	/** A block of a pyramid level, on an executor; a failure names the block and the output. */
	private static void downsample(final ChunkWriter layout, final OutputBlock block, final String output) {
		try {
			layout.downsample(block);
		}
		catch (final RuntimeException e) {
			throw new BlockFailedException(block, output, e);
		}
	}

	/** What the executors run, block by block: serialisable, holding names and options only. */
	record BlockTask(String input, ChunkWriter output, String modelZip, String sharedModel, String options,
		double[] fixedRange) implements Serializable
	{

		void restore(final OutputBlock block) {
			try {
				restoreBlock(block);
			}
			catch (final RuntimeException e) {
				throw new BlockFailedException(block, input, e);
			}
		}

		private <T extends RealType<T> & NativeType<T>, O extends RealType<O> & NativeType<O>> void restoreBlock(
			final OutputBlock block)
		{
			final RestoreSettings s = RestoreSettings.parse(options);
			final Restorer restorer = ExecutorModels.restorer(modelZip, sharedModel, s);
			final Path in = Path.of(input);
			final OmeZarrInfo info = OmeZarrInfo.read(in);
			RestoreOptions o = EngineOptions.restore(s, info.width(), info.height(), in.getFileName() + " " + block,
				RunMonitor.SILENT);
			if (fixedRange != null) o = o.withNormalization(Normalization.fixed(fixedRange[0], fixedRange[1]));
			final Span xs = new Span(block.x(), block.x() + block.width()), ys = new Span(block.y(), block.y() + block
				.height());
			final RandomAccessibleInterval<T> image = InputRegion.read(in, restorer.plan(info.width(), info.height(), o), xs,
				ys);
			final long[] dims = restorer.outputDimensions(image, XYCZT);
			dims[0] = block.width();
			dims[1] = block.height();
			final O type = ImgLib2Types.of(SampleType.valueOf(output.sampleType()));
			final Img<O> pixels = new ArrayImgFactory<>(type).create(dims);
			restorer.restoreRegion(image, XYCZT, pixels, xs, ys, o);
			output.write(block, pixels);
		}
	}

	/** How the core's OME-Zarr image presents every image: X, Y, C, Z, T. */
	static final Axes XYCZT = Axes.of("XYCZT");
}
