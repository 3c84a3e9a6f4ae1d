package org.restorej.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.restorej.engine.normalize.ExactPercentiles;
import org.restorej.engine.normalize.SampleScan;

/**
 * Percentiles of a whole image from one distributed pass (two for float data): each task counts the
 * values of its block with the core's {@link ExactPercentiles} passes, the driver merges the counts.
 * Blocks partition the image, so the merged counts, and the percentiles, are those of one machine's
 * scan of the whole image.
 */
final class DistributedPercentiles {

	private DistributedPercentiles() {}

	static double[] of(final JavaSparkContext sc, final String input, final List<OutputBlock> blocks,
		final double... percents)
	{
		final JavaRDD<OutputBlock> rdd = sc.parallelize(blocks, blocks.size());
		if (scan(input, blocks.get(0)).smallIntegers()) return ExactPercentiles.fromHistogram(rdd.map(
			b -> ExactPercentiles.histogram(scan(input, b))).treeReduce(ExactPercentiles::merge), percents);
		final long[] top = rdd.map(b -> ExactPercentiles.topHistogram(scan(input, b))).treeReduce(
			ExactPercentiles::merge);
		final int[] buckets = ExactPercentiles.buckets(top, percents);
		final long[] low = rdd.map(b -> ExactPercentiles.lowHistogram(scan(input, b), buckets)).treeReduce(
			ExactPercentiles::merge);
		return ExactPercentiles.fromHistograms(top, buckets, low, percents);
	}

	/** The block's pixels in every plane and channel of the input, read alone. */
	private static <T extends RealType<T> & NativeType<T>> SampleScan<T> scan(final String input,
		final OutputBlock block)
	{
		final ZarrIO.Level level = ZarrIO.open(Path.of(input)).level0();
		final long[] min = new long[level.shape().length], size = level.shape().clone();
		min[0] = block.x();
		min[1] = block.y();
		size[0] = block.width();
		size[1] = block.height();
		final List<RandomAccessibleInterval<T>> planes = new ArrayList<>();
		planes(ZarrIO.<T> read(level, min, size), planes);
		return new SampleScan<>(planes, 1, () -> {});
	}

	/** Every XY plane of {@code image}, whatever its other dimensions. */
	private static <T> void planes(final RandomAccessibleInterval<T> image, final List<RandomAccessibleInterval<T>> to) {
		final int last = image.numDimensions() - 1;
		if (last < 2) {
			to.add(image);
			return;
		}
		for (long i = image.min(last); i <= image.max(last); i++)
			planes(Views.hyperSlice(image, last, i), to);
	}
}
