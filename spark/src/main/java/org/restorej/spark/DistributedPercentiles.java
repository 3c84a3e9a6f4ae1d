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

	/** The block's pixels in every plane and channel of the input (XYCZT). */
	private static <T extends RealType<T> & NativeType<T>> SampleScan<T> scan(final String input,
		final OutputBlock block)
	{
		final RandomAccessibleInterval<T> image = InputRegion.read(Path.of(input), block);
		final List<RandomAccessibleInterval<T>> planes = new ArrayList<>();
		for (long t = 0; t < image.dimension(4); t++)
			for (long z = 0; z < image.dimension(3); z++)
				for (long c = 0; c < image.dimension(2); c++)
					planes.add(Views.hyperSlice(Views.hyperSlice(Views.hyperSlice(image, 4, t), 3, z), 2, c));
		return new SampleScan<>(planes, 1, () -> {});
	}
}
