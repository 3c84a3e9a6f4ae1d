package org.restorej.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;

import org.restorej.engine.normalize.Affine;
import org.restorej.engine.normalize.ExactPercentiles;
import org.restorej.engine.normalize.MeanDeviation;
import org.restorej.engine.normalize.Normalization;
import org.restorej.engine.normalize.SampleScan;
import org.restorej.model.ModelDescription;

/**
 * Resolves the caller's {@link Normalization} into the affine maps of each job's channels, scanning
 * the image for percentiles when needed (once per scope, remembered).
 */
final class Normalizer<T extends RealType<T>> {

	private record Key(long plane, long channel) {}

	private final RandomAccessibleInterval<T> image;
	private final Axes axes;
	private final Normalization normalization;
	private final double low, high;
	private final int threads;
	private final Runnable checkpoint;
	private final EngineLog log;
	private final String imageName;
	private final Map<Key, Affine> known = new HashMap<>();

	Normalizer(final RandomAccessibleInterval<T> image, final Axes axes, final Normalization normalization,
		final ModelDescription.ValueRange range, final int threads, final Runnable checkpoint, final EngineLog log,
		final String imageName)
	{
		this.image = image;
		this.axes = axes;
		this.normalization = normalization;
		this.low = range == null ? 0 : range.min();
		this.high = range == null ? 1 : range.max();
		this.threads = threads;
		this.checkpoint = checkpoint;
		this.log = log;
		this.imageName = imageName;
	}

	/** Raw to network values, one map per input channel of the job. */
	Affine[] forward(final PlaneJob job) {
		final Affine[] maps = new Affine[job.inputChannels().length];
		for (int i = 0; i < maps.length; i++)
			maps[i] = forChannel(job, job.inputChannels()[i]);
		return maps;
	}

	/**
	 * Network to raw values, one map per output channel: the inverse of the matching input channel's
	 * map (output channel k comes back in the units of input channel k; the dual-pixel model's
	 * output in those of the left view).
	 */
	Affine[] inverse(final PlaneJob job) {
		final Affine[] forward = forward(job);
		final Affine[] maps = new Affine[job.outputChannels().length];
		for (int k = 0; k < maps.length; k++)
			maps[k] = forward[Math.min(k, forward.length - 1)].inverse();
		return maps;
	}

	private Affine forChannel(final PlaneJob job, final long channel) {
		if (normalization instanceof Normalization.None) return Affine.IDENTITY;
		if (normalization instanceof Normalization.FixedRange f) return Affine.mapping(f.low(), f.high(), low, high);
		if (normalization instanceof Normalization.TypeRange) return typeRange();
		if (normalization instanceof Normalization.Standardize s) return known.computeIfAbsent(new Key(s.scope() ==
			Normalization.Scope.PLANE ? job.plane() : -1, s.perChannel() ? channel : -1), k -> standardize(job, k));
		final Normalization.Percentile p = (Normalization.Percentile) normalization;
		final Key key = new Key(p.scope() == Normalization.Scope.PLANE ? job.plane() : -1, p.perChannel() ? channel
			: -1);
		return known.computeIfAbsent(key, k -> percentiles(p, job, k));
	}

	private Affine standardize(final PlaneJob job, final Key key) {
		final double[] v = MeanDeviation.of(new SampleScan<>(planes(key), threads, checkpoint));
		log.info("Normalising " + imageName + " (" + where(job, key) + "): mean " + value(v[0]) + ", standard " +
			"deviation " + value(v[1]) + " -> mean 0, standard deviation 1");
		return MeanDeviation.standardizing(v);
	}

	/** The planes one set of statistics is taken over: every plane, or one, and every channel, or one. */
	private List<RandomAccessibleInterval<T>> planes(final Key key) {
		final List<RandomAccessibleInterval<T>> planes = new ArrayList<>();
		final long zs = Planes.size(image, axes.z()), ts = Planes.size(image, axes.time());
		final long channels = Planes.size(image, axes.channel());
		for (long t = 0; t < ts; t++)
			for (long z = 0; z < zs; z++) {
				if (key.plane() >= 0 && t * zs + z != key.plane()) continue;
				for (long c = 0; c < channels; c++)
					if (key.channel() < 0 || c == key.channel()) planes.add(Planes.of(image, axes, z, t, c));
			}
		return planes;
	}

	private static String where(final PlaneJob job, final Key key) {
		return (key.plane() >= 0 ? "plane " + job.plane() : "the image") + (key.channel() >= 0 ? ", channel " + key
			.channel() : "");
	}

	private Affine typeRange() {
		final T type = image.getType();
		if (!(type instanceof IntegerType)) return Affine.IDENTITY;
		return Affine.mapping(Math.min(0, type.getMinValue()), type.getMaxValue(), low, high);
	}

	private Affine percentiles(final Normalization.Percentile p, final PlaneJob job, final Key key) {
		final double[] v = ExactPercentiles.of(new SampleScan<>(planes(key), threads, checkpoint), p.low(), p.high());
		final String where = where(job, key);
		if (!(v[1] > v[0])) {
			// a constant image: shift it to the range's bottom rather than divide by zero
			log.info("Percentiles " + p.low() + " and " + p.high() + " of " + imageName + " (" + where +
				") are both " + value(v[0]) + ": the values are shifted, not scaled.");
			return new Affine(1, low - v[0]);
		}
		log.info("Normalising " + imageName + " (" + where + "): percentile " + p.low() + " = " + value(v[0]) +
			", percentile " + p.high() + " = " + value(v[1]) + " -> [" + low + ", " + high + "]");
		return Affine.mapping(v[0], v[1], low, high);
	}

	/** A statistic for the log: 7 significant digits (3610.714, not 3610.714000000007), integers without ".0". */
	static String value(final double v) {
		if (!Double.isFinite(v)) return Double.toString(v);
		return new java.math.BigDecimal(v).round(new java.math.MathContext(7)).stripTrailingZeros().toPlainString();
	}
}
