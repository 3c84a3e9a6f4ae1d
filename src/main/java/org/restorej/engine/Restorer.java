package org.restorej.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.imglib2.Dimensions;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.ImgFactory;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.img.cell.CellImgFactory;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;

import org.restorej.engine.device.PlacedModel;
import org.restorej.engine.normalize.Affine;
import org.restorej.engine.normalize.Normalization;
import org.restorej.engine.pixels.PlaneReader;
import org.restorej.engine.pixels.PlaneWriter;
import org.restorej.engine.tiling.BlendAccumulator;
import org.restorej.engine.tiling.Block;
import org.restorej.engine.tiling.Canvas;
import org.restorej.engine.tiling.RegionBlend;
import org.restorej.engine.tiling.Span;
import org.restorej.engine.tiling.TileGrid;
import org.restorej.engine.tiling.TileSpec;
import org.restorej.io.RowsFinishedListener;
import org.restorej.model.ModelDescription;
import org.restorej.runtime.LoadedModel;

/**
 * Restores ImgLib2 images of any size with a model, tile by tile: 2D grey or multi-channel images, Z
 * stacks and time series (plane by plane), in 8-bit, 16-bit, float or any other real pixel type.
 *
 * <pre>
 * try (PlacedModel model = ModelLoader.load(modelDir, ExecutionOptions.cpu(), EngineLog.SYSTEM)) {
 * 	Restorer restorer = Restorer.of(model);
 * 	Img&lt;FloatType&gt; restored = restorer.restoreAsFloat(image, Axes.of("XYC"), RestoreOptions.defaults());
 * }
 * </pre>
 *
 * Tiles read the input through views (extended beyond its edges as the model's canvas is), go
 * through the network one at a time, and are blended into a band of rows one tile tall that is
 * written to the output as soon as it is complete, so memory beyond the output does not grow with the image. The input is never
 * written. A restorer holds no state between calls: one instance serves any number of threads.
 */
public final class Restorer {

	/** Tile side and halo when the model description suggests none: large tiles serve attention best. */
	static final int FALLBACK_TILE = 512, FALLBACK_HALO = 64;

	private final ModelDescription model;
	private final TileNetwork network;

	public Restorer(final ModelDescription model, final TileNetwork network) {
		this.model = model;
		this.network = network;
	}

	public static Restorer of(final PlacedModel model) {
		return new Restorer(model.model().description(), TileNetwork.of(model.model(), model.device()));
	}

	/** A loaded model whose device is not known (see {@link PlacedModel} for one that is). */
	public static Restorer of(final LoadedModel model) {
		return new Restorer(model.description(), TileNetwork.of(model, "the device TensorFlow chose"));
	}

	public ModelDescription model() {
		return model;
	}

	/** The same model through another network call (e.g. one that counts or fails, in tests). */
	public Restorer withNetwork(final TileNetwork other) {
		return new Restorer(model, other);
	}

	/** Dimensions of the restored image: the input's, with the model's output channel count on C. */
	public long[] outputDimensions(final Dimensions input, final Axes axes) {
		return PlaneJob.outputDimensions(input, axes, model);
	}

	/** Restores {@code input} into a new float image (an ArrayImg, or a CellImg beyond 2^31 pixels). */
	public <T extends RealType<T>> Img<FloatType> restoreAsFloat(final RandomAccessibleInterval<T> input,
		final Axes axes, final RestoreOptions options)
	{
		return restore(input, axes, factory(input, axes, new FloatType()), options);
	}

	/** Restores {@code input} into a new image of its own pixel type (rounded, saturated). */
	public <T extends RealType<T> & NativeType<T>> Img<T> restoreAsInputType(final RandomAccessibleInterval<T> input,
		final Axes axes, final RestoreOptions options)
	{
		return restore(input, axes, factory(input, axes, input.getType().createVariable()), options);
	}

	/** Restores {@code input} into a new image made by {@code factory}. */
	public <T extends RealType<T>, O extends RealType<O>> Img<O> restore(final RandomAccessibleInterval<T> input,
		final Axes axes, final ImgFactory<O> factory, final RestoreOptions options)
	{
		axes.check(input, options.inputName());
		final Img<O> output = factory.create(outputDimensions(input, axes));
		restore(input, axes, output, options);
		return output;
	}

	/**
	 * Restores {@code input} into {@code output}, which must have {@link #outputDimensions} (any min)
	 * and must not share pixels with the input. Integer outputs receive rounded, saturated values.
	 *
	 * @throws CancelledException if cancelled: the output is then incomplete
	 * @throws ChannelCountException if the image's channels do not fit the model
	 * @throws TileMemoryException if even the smallest tiles exhaust the device's memory
	 */
	public <T extends RealType<T>, O extends RealType<O>> void restore(final RandomAccessibleInterval<T> input,
		final Axes axes, final RandomAccessibleInterval<O> output, final RestoreOptions options)
	{
		final String name = options.inputName();
		axes.check(input, name);
		if (input == output) throw new IllegalArgumentException("the output must not be the input: tiles read " +
			"pixels around them that earlier tiles would already have overwritten");
		final long[] expected = outputDimensions(input, axes);
		if (!Arrays.equals(expected, output.dimensionsAsLongArray())) throw new OutputShapeException(name, expected,
			output.dimensionsAsLongArray());
		final List<PlaneJob> jobs = PlaneJob.of(input, axes, model, name);
		final long width = input.dimension(axes.x()), height = input.dimension(axes.y());
		if (width == 0 || height == 0) throw new IllegalArgumentException(name + " is empty");
		final TileSpec spec = spec(options);
		// (not tile=none, whose one tile is the plane's side, rounded up as the untiled pass pads it)
		if (options.tileSize() > 0 && options.tileSize() != spec.tileSize() && options.tileSize() < Math.max(width,
			height)) options.log().info("Tile " + options
			.tileSize() + " rounded up to " + spec.tileSize() + ": " + model.name() + " takes sides that are multiples " +
			"of " + spec.multiple() + " (its size rule)");
		final Canvas canvas = canvas(width, height);
		final TileGrid grid = plan(width, height, canvas, spec, name);
		final RestoreRun run = new RestoreRun(options, (long) grid.count() * jobs.size(), new OutputRangeCheck(model
			.valueRange()));
		options.log().info(String.format("Restoring %s (%s %s) with %s on %s: %d plane run(s) of %d tile(s) of " +
			"%dx%d, halo %d (blend %d, context %d), %s blending, %s canvas (%.2fx pixels read)", name, axes.letters(), Arrays
				.toString(input.dimensionsAsLongArray()), model.name(), network.device(), jobs.size(), grid.count(), grid
					.x().inputSize(), grid.y().inputSize(), spec.halo(), spec.blend(), spec.context(), spec.blending().name()
						.toLowerCase(), canvasName(canvas, fill(grid, options.padding())), grid.readFactor()));
		final String channels = PlaneJob.channelNote(input, axes, model, name);
		if (channels != null) options.log().info(channels);
		final Normalization normalization = Normalization.appliedWith(options.normalization(), model);
		if (options.normalization() instanceof Normalization.Declared) options.log().info("Normalisation of " + name +
			": " + Normalization.text(normalization) + ", as " + model.name() + " declares (normalize=auto)");
		final Normalizer<T> normalizer = new Normalizer<>(input, axes, normalization, model.valueRange(),
			options.threads() == 0 ? Runtime.getRuntime().availableProcessors() : options.threads(), run::checkpoint,
			options.log(), name);
		run.started(Progress.NORMALISING);
		try (OutputPipeline writer = new OutputPipeline(name)) {
			for (final List<PlaneJob> plane : byPlane(jobs)) {
				run.checkpoint();
				restorePlane(input, axes, output, plane, normalizer, spec, grid, run, writer);
			}
			writer.finish();
		}
		run.outputs.report(options.log(), name, options.normalization(), normalization, model);
		options.log().info(String.format("Restored %s in %.2f s", name, run.elapsed().toMillis() / 1000.0));
	}

	/**
	 * Restores only the rectangle {@code xs x ys} of every plane (all channels, Z planes and frames)
	 * into {@code output}, bit for bit as {@link #restore} restores those pixels of the whole image:
	 * the tiles of the whole plane's grid that contribute to the rectangle, each reading the input around
	 * it (its halo) as the whole run does, blended with the same weights in the same order. Pieces of
	 * one image restored apart (e.g. by the tasks of a cluster job) so make up the result of one run.
	 * Normalisations that need statistics of the whole image (percentiles) scan all of {@code input}:
	 * callers restoring many regions compute them once and pass their values as
	 * {@link Normalization#fixed}, which maps them the same way.
	 *
	 * @param output the restored image's dimensions ({@link #outputDimensions}) except along X and Y,
	 *          where it is the rectangle's (any min: pixel {@code (xs.start(), ys.start())} goes to its min)
	 */
	public <T extends RealType<T>, O extends RealType<O>> void restoreRegion(final RandomAccessibleInterval<T> input,
		final Axes axes, final RandomAccessibleInterval<O> output, final Span xs, final Span ys,
		final RestoreOptions options)
	{
		final String name = options.inputName();
		axes.check(input, name);
		final long[] expected = outputDimensions(input, axes);
		expected[axes.x()] = xs.length();
		expected[axes.y()] = ys.length();
		if (!Arrays.equals(expected, output.dimensionsAsLongArray())) throw new OutputShapeException(name, expected,
			output.dimensionsAsLongArray());
		final List<PlaneJob> jobs = PlaneJob.of(input, axes, model, name);
		final long width = input.dimension(axes.x()), height = input.dimension(axes.y());
		if (xs.start() < 0 || ys.start() < 0 || xs.end() > width || ys.end() > height || xs.length() == 0 || ys
			.length() == 0) throw new IllegalArgumentException("region " + xs + " x " + ys + " is empty or not inside " +
				name + " (" + width + "x" + height + ")");
		final TileSpec spec = spec(options);
		final TileGrid grid = plan(width, height, canvas(width, height), spec, name);
		final int tiles = new RegionBlend(grid, xs, ys, 1).tiles().size();
		final RestoreRun run = new RestoreRun(options, (long) tiles * jobs.size(), new OutputRangeCheck(model
			.valueRange()));
		final Normalization normalization = Normalization.appliedWith(options.normalization(), model);
		final Normalizer<T> normalizer = new Normalizer<>(input, axes, normalization, model.valueRange(),
			options.threads() == 0 ? Runtime.getRuntime().availableProcessors() : options.threads(), run::checkpoint,
			options.log(), name);
		run.started(Progress.RESTORING);
		for (final List<PlaneJob> plane : byPlane(jobs))
			for (final PlaneJob job : plane) {
				run.checkpoint();
				final JobRun r = jobRun(input, axes, output, xs.start(), ys.start(), job,
					normalizer, grid, run);
				final RegionBlend blend = new RegionBlend(grid, xs, ys, job.outputChannels().length);
				for (final TileGrid.Tile t : blend.tiles()) {
					run.checkpoint();
					blend.add(t, r.inference.restore(t, grid.canvas(), spec));
					run.tileDone();
				}
				blend.finish(r.sink);
			}
	}

	/** The tiles one plane of a {@code width x height} image is cut into with these options. */
	public TileGrid plan(final long width, final long height, final RestoreOptions options) {
		return plan(width, height, canvas(width, height), spec(options), options.inputName());
	}

	/**
	 * The jobs grouped by (Z, time) plane, planes in the order of their first job. A channel-by-channel
	 * model has one job per channel of a plane: run together, all channels of a row finish at once.
	 */
	private static List<List<PlaneJob>> byPlane(final List<PlaneJob> jobs) {
		final Map<List<Long>, List<PlaneJob>> planes = new LinkedHashMap<>();
		for (final PlaneJob job : jobs)
			planes.computeIfAbsent(List.of(job.z(), job.time()), k -> new ArrayList<>()).add(job);
		return new ArrayList<>(planes.values());
	}

	/**
	 * Restores the jobs of one (Z, time) plane in step, tile by tile, and reports rows as they finish.
	 * Blending and writing a batch's outputs (single-threaded Java work) run on {@code writer} while
	 * the network runs the next batch, one batch behind at most; progress counts tiles the network ran.
	 */
	private <T extends RealType<T>, O extends RealType<O>> void restorePlane(final RandomAccessibleInterval<T> input,
		final Axes axes, final RandomAccessibleInterval<O> output, final List<PlaneJob> jobs,
		final Normalizer<T> normalizer, final TileSpec spec, final TileGrid grid, final RestoreRun run,
		final OutputPipeline writer)
	{
		final List<JobRun> runs = new ArrayList<>();
		for (final PlaneJob job : jobs)
			runs.add(jobRun(input, axes, output, job, normalizer, grid, run));
		run.started(Progress.RESTORING);
		final PlaneJob first = jobs.get(0);
		final long height = grid.y().covered().end();
		final RowsFinishedListener rows = run.options.rowsFinished();
		final int batch = run.options.batch();
		for (int i = 0; i < grid.count(); i += batch) {
			run.checkpoint();
			final List<TileGrid.Tile> tiles = new ArrayList<>();
			for (int k = i; k < Math.min(grid.count(), i + batch); k++)
				tiles.add(grid.tile(k));
			final List<List<Block>> outputs = new ArrayList<>();
			for (final JobRun job : runs) {
				outputs.add(job.inference.restore(tiles, grid.canvas(), spec));
				for (int k = 0; k < tiles.size(); k++)
					run.tileDone();
			}
			writer.submit(() -> {
				for (int j = 0; j < runs.size(); j++)
					for (int k = 0; k < tiles.size(); k++)
						runs.get(j).blend.add(tiles.get(k), outputs.get(j).get(k), runs.get(j).sink);
				for (final TileGrid.Tile tile : tiles)
					if (tile.column() == grid.columns() - 1 && tile.row() < grid.rows() - 1) rows.rowsFinished(first.z(),
						first.time(), Math.min(height, grid.y().finalBefore(tile.row())));
			});
		}
		writer.submit(() -> rows.rowsFinished(first.z(), first.time(), height));
	}

	/** What restoring one job needs between tiles: its network inputs, blend band and output. */
	private record JobRun(TileInference inference, BlendAccumulator blend, BlendAccumulator.Sink sink) {}

	private <T extends RealType<T>, O extends RealType<O>> JobRun jobRun(final RandomAccessibleInterval<T> input,
		final Axes axes, final RandomAccessibleInterval<O> output, final PlaneJob job, final Normalizer<T> normalizer,
		final TileGrid grid, final RestoreRun run)
	{
		return jobRun(input, axes, output, 0, 0, job, normalizer, grid, run);
	}

	/** The same, writing plane pixel {@code (x, y)} at {@code (x - originX, y - originY)} of the output. */
	private <T extends RealType<T>, O extends RealType<O>> JobRun jobRun(final RandomAccessibleInterval<T> input,
		final Axes axes, final RandomAccessibleInterval<O> output, final long originX, final long originY,
		final PlaneJob job, final Normalizer<T> normalizer, final TileGrid grid, final RestoreRun run)
	{
		final List<PlaneReader<T>> readers = new ArrayList<>();
		for (final long c : job.inputChannels())
			readers.add(PlaneReader.of(Planes.of(input, axes, job.z(), job.time(), c), fill(grid, run.options
				.padding())));
		final int channels = job.outputChannels().length;
		final List<PlaneWriter<O>> writers = new ArrayList<>();
		for (final long c : job.outputChannels())
			writers.add(PlaneWriter.of(Planes.of(output, axes, job.z(), job.time(), c)));
		final Affine[] forward = normalizer.forward(job);
		// a model whose output is already the result (output: none) gets it unmapped
		final Affine[] inverse = model.normalization().invertsOutput() ? normalizer.inverse(job)
			: identities(job.outputChannels().length);
		final ModelDescription.ValueRange range = model.valueRange();
		final boolean clip = run.options.clip() || model.normalization().clipsOutput();
		final float lo = range == null ? 0 : (float) range.min(), hi = range == null ? 1 : (float) range.max();
		final BlendAccumulator.Sink sink = (x, y, values, offset, length) -> {
			for (int k = 0; k < channels; k++) {
				final Affine back = inverse[k];
				for (int i = offset + k, n = 0; n < length; n++, i += channels) {
					final float v = clip ? Math.max(lo, Math.min(hi, values[i])) : values[i];
					values[i] = (float) back.apply(v);
				}
				writers.get(k).write(x - originX, y - originY, values, offset + k, channels, length);
			}
		};
		final TileNetwork passes = run.options.ensemble() == 1 ? network : new EnsembleNetwork(network, run.options
			.ensemble());
		return new JobRun(new TileInference(passes, readers, forward, channels, run, model.name()),
			new BlendAccumulator(grid, channels), sink);
	}

	private static Affine[] identities(final int n) {
		final Affine[] a = new Affine[n];
		java.util.Arrays.fill(a, Affine.IDENTITY);
		return a;
	}

	/** Tiling parameters from the options, the model's suggestions and its size rule. */
	TileSpec spec(final RestoreOptions o) {
		final int multiple = model.size() == null ? 1 : model.size().multiple();
		final ModelDescription.Tiling suggested = model.tiling();
		final int requested = o.tileSize() > 0 ? o.tileSize() : suggested != null && suggested.tileSize() > 0
			? suggested.tileSize() : FALLBACK_TILE;
		final int tile = (requested + multiple - 1) / multiple * multiple;
		final int halo = halo(model, o.halo());
		if (o.blend() > halo) throw new IllegalArgumentException("the blend (" + o.blend() + ") is part of the halo (" +
			halo + ")");
		final int blend = o.blend() >= 0 ? o.blend() : RestoreOptions.defaultBlend(halo);
		return TileSpec.ofHalo(tile, halo, blend, multiple, o.blending());
	}

	/** The halo tiles share: {@code requested}, or (when negative: auto) the model's suggestion. */
	private static int halo(final ModelDescription model, final int requested) {
		final ModelDescription.Tiling suggested = model.tiling();
		return requested >= 0 ? requested : suggested != null ? suggested.halo() : FALLBACK_HALO;
	}

	/**
	 * The smallest tile side {@code model} restores with the halo {@code requestedHalo} (negative: the
	 * model's): what a front end tells a user whose tile is smaller, before any image is read.
	 */
	public static int minimumTile(final ModelDescription model, final int requestedHalo) {
		return TileSpec.minimumTile(halo(model, requestedHalo), model.size() == null ? 1 : model.size().multiple());
	}

	/**
	 * The plane padded as the model's official untiled pass pads it: tiles start where that pass has
	 * its downsampling (or window) grid, and share its edges.
	 */
	Canvas canvas(final long width, final long height) {
		return OfficialSizeHandling.canvas(model.size(), width, height);
	}

	/**
	 * What the tiles of {@code grid} read beyond the image. One tile covering the canvas is the
	 * untiled pass the model declares and is filled as that pass is (official AST checkpoints: zeros), unless
	 * mirroring is asked for.
	 * Several tiles see the image's mirror image: the official tiled tests crop inside the image and
	 * never pad, and a trained network restores the image's borders better from mirrored context than
	 * from zeros (see the package documentation).
	 */
	static Canvas.Fill fill(final TileGrid grid, final Padding padding) {
		return padding == Padding.OFFICIAL && grid.count() == 1 ? grid.canvas().fill() : Canvas.Fill.MIRROR;
	}

	private static String canvasName(final Canvas c, final Canvas.Fill fill) {
		return c.x().length() + "x" + c.y().length() + " " + fill.name().toLowerCase() + "-filled";
	}

	private static TileGrid plan(final long width, final long height, final Canvas canvas, final TileSpec spec,
		final String name)
	{
		try {
			return TileGrid.plan(width, height, canvas, spec);
		}
		catch (final IllegalArgumentException e) {
			throw new TileSizeException(name, spec.tileSize(), spec.halo(), spec.multiple());
		}
	}

	private <O extends NativeType<O>> ImgFactory<O> factory(final Dimensions input, final Axes axes, final O type) {
		final long pixels = Intervals.numElements(outputDimensions(input, axes));
		return pixels < Integer.MAX_VALUE - 8 ? new ArrayImgFactory<>(type) : new CellImgFactory<>(type, 256);
	}
}
