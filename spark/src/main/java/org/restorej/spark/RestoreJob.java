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
import org.restorej.imagej.OutputExistsException;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.local.EngineOptions;

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
 * <li>each further pyramid level is a stage downsampling the previous one, block by block;</li>
 * <li>the driver renames the output into place.</li>
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
	private final boolean overwrite;
	private final Consumer<String> log;

	RestoreJob(final Path input, final Path output, final Path modelDir, final boolean sharedModel,
		final RestoreSettings settings, final long blockSide, final boolean overwrite, final Consumer<String> log)
	{
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
		if (Files.exists(output) && !overwrite) throw new OutputExistsException(output,
			"pass --overwrite to replace it, or choose another output.");
		final ZarrIO.Image in = ZarrIO.open(input);
		final ModelDescription model = ModelDescriptions.read(modelDir);
		final Path temp = ZarrIO.temporary(output);
		final TaskProgress progress = new TaskProgress(log);
		sc.sc().addSparkListener(progress);
		try {
			final String zip;
			if (sharedModel) zip = null;
			else {
				final Path packed = ModelArchive.zip(modelDir, Files.createTempDirectory("restorej-spark-model"));
				sc.addFile(packed.toString());
				zip = packed.getFileName().toString();
			}
			final Normalization normalization = resolveNormalization(sc, in, model, progress);
			final ZarrIO.Image out = ZarrIO.create(temp, in, outputChannels(in, model), ZarrIO.outputDtype(in,
				settings));
			final List<OutputBlock> blocks = blocks(out, 0);
			log.accept("Restoring " + input.getFileName() + " (" + in.letters() + " " + java.util.Arrays.toString(in
				.level0().shape()) + ") with " + model.name() + " in " + blocks.size() + " blocks of up to " + blocks.get(0).width() +
				"x" + blocks.get(0).height());
			final BlockTask task = new BlockTask(input.toString(), temp.toString(), zip, sharedModel ? modelDir.toString()
				: null, settings.toOptions(), normalization instanceof Normalization.FixedRange f ? new double[] { f.low(), f
					.high() } : null);
			progress.naming("restoring level 0");
			runStage(sc.parallelize(blocks, blocks.size()), task::restore);
			for (int level = 1; level < out.levels().size(); level++) {
				final List<OutputBlock> lb = blocks(out, level);
				progress.naming("downsampling level " + level);
				runStage(sc.parallelize(lb, lb.size()), task::downsample);
			}
			ZarrIO.commit(temp, output, overwrite);
			return new Result(output, in.width(), in.height(), blocks.size(), out.levels().size(), Duration.ofNanos(System
				.nanoTime() - start));
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (final RuntimeException e) {
			ZarrIO.delete(temp);
			throw e;
		}
		finally {
			sc.sc().removeSparkListener(progress);
		}
	}

	private List<OutputBlock> blocks(final ZarrIO.Image image, final int level) {
		final ZarrIO.Level l = image.levels().get(level);
		return BlockGrid.of(level, l.shape()[0], l.shape()[1], l.chunks()[0], l.chunks()[1], blockSide);
	}

	private static long outputChannels(final ZarrIO.Image in, final ModelDescription model) {
		return model.input().count() == 1 && model.output().count() == 1 ? in.channels() : model.output().count();
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
	private Normalization resolveNormalization(final JavaSparkContext sc, final ZarrIO.Image in,
		final ModelDescription model, final TaskProgress progress)
	{
		final RestoreOptions o = EngineOptions.restore(settings, in.width(), in.height(), input.getFileName().toString(),
			RunMonitor.SILENT);
		final Normalization n = Normalization.appliedWith(o.normalization(), model);
		final long planes = in.level0().pixels() / (in.width() * in.height() * in.channels());
		if (n instanceof Normalization.Standardize || n instanceof Normalization.Percentile p && (p.perChannel() && in
			.channels() > 1 || p.scope() == Normalization.Scope.PLANE && planes > 1))
			throw new RestoreJException("The normalisation " + Normalization.text(n) + " of " + model.name() + " needs " +
				"statistics per plane or channel, which the Spark job does not compute yet: restore " + input + " with " +
				"--normalize percentile (over the whole image), --normalize range, or on one machine.");
		if (!(n instanceof Normalization.Percentile p)) return n;
		progress.naming("counting intensities for percentiles " + p.low() + ", " + p.high());
		final List<OutputBlock> blocks = blocks(in, 0);
		final double[] v = DistributedPercentiles.of(sc, input.toString(), blocks, p.low(), p.high());
		final ModelDescription.ValueRange range = model.valueRange();
		final double low = range == null ? 0 : range.min(), high = range == null ? 1 : range.max();
		log.accept("Normalising " + input.getFileName() + " (the image): percentile " + p.low() + " = " + v[0] +
			", percentile " + p.high() + " = " + v[1] + " -> [" + low + ", " + high + "]");
		// a constant image is shifted, not scaled, as on one machine: the range of the model's width from it
		return v[1] > v[0] ? Normalization.fixed(v[0], v[1]) : Normalization.fixed(v[0], v[0] + (high - low));
	}

	/** What the executors run, block by block: serialisable, holding names and options only. */
	record BlockTask(String input, String output, String modelZip, String sharedModel, String options,
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

		void downsample(final OutputBlock block) {
			try {
				ZarrIO.downsample(ZarrIO.open(Path.of(output)), block);
			}
			catch (final RuntimeException e) {
				throw new BlockFailedException(block, output, e);
			}
		}

		private <T extends RealType<T> & NativeType<T>, O extends RealType<O> & NativeType<O>> void restoreBlock(
			final OutputBlock block)
		{
			final RestoreSettings s = RestoreSettings.parse(options);
			final Restorer restorer = ExecutorModels.restorer(modelZip, sharedModel, s);
			final ZarrIO.Image in = ZarrIO.open(Path.of(input));
			final Axes axes = Axes.of(in.letters());
			RestoreOptions o = EngineOptions.restore(s, in.width(), in.height(), Path.of(input).getFileName() + " " +
				block, RunMonitor.SILENT);
			if (fixedRange != null) o = o.withNormalization(Normalization.fixed(fixedRange[0], fixedRange[1]));
			final Span xs = new Span(block.x(), block.x() + block.width()), ys = new Span(block.y(), block.y() + block
				.height());
			final RandomAccessibleInterval<T> image = InputRegion.read(in, restorer.plan(in.width(), in.height(), o), xs,
				ys);
			final ZarrIO.Image out = ZarrIO.open(Path.of(output));
			final long[] dims = restorer.outputDimensions(image, axes);
			dims[0] = block.width();
			dims[1] = block.height();
			final O type = ZarrIO.type(out.level0().dtype());
			final Img<O> pixels = new ArrayImgFactory<>(type).create(dims);
			restorer.restoreRegion(image, axes, pixels, xs, ys, o);
			final long[] min = new long[dims.length];
			min[0] = block.x();
			min[1] = block.y();
			ZarrIO.write(out.level0(), min, pixels);
		}
	}

}
