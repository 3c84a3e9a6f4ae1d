package org.restorej.engine.normalize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

import org.restorej.array.NhwcArray;
import org.restorej.model.ModelDescription;

/**
 * Maps one in-memory plane (batch 1, raw intensities) as the engine maps each plane it restores, for code
 * that feeds the network without the engine (training, evaluation): the same percentiles, the same choice
 * of one map for all channels or one per channel, so that weights see in training what they see in use.
 */
public final class ArrayNormalization {

	private ArrayNormalization() {}

	/**
	 * Raw to network values, one map per channel of {@code raw}.
	 *
	 * @param typeMax the raw pixel type's largest value for {@link Normalization.TypeRange} (255 for 8-bit,
	 *          65535 for 16-bit), or 0 for float data, which the type range leaves as they are
	 * @param range the model's value range the map leads to
	 */
	public static Affine[] forward(final Normalization n, final NhwcArray raw, final double typeMax,
		final ModelDescription.ValueRange range)
	{
		if (n instanceof Normalization.Declared) throw new IllegalArgumentException("resolve the model's declared " +
			"normalisation first: Normalization.declaredBy(model)");
		if (raw.batch() != 1) throw new IllegalArgumentException("one plane at a time, not a batch of " + raw.batch());
		final double low = range == null ? 0 : range.min(), high = range == null ? 1 : range.max();
		final Affine[] maps = new Affine[raw.channels()];
		if (n instanceof Normalization.Percentile p && p.perChannel()) {
			for (int c = 0; c < maps.length; c++)
				maps[c] = percentiles(p, List.of(channel(raw, c)), low, high);
			return maps;
		}
		if (n instanceof Normalization.Standardize s && s.perChannel()) {
			for (int c = 0; c < maps.length; c++)
				maps[c] = MeanDeviation.standardizing(MeanDeviation.of(new SampleScan<>(List.of(channel(raw, c)), 1,
					() -> {})));
			return maps;
		}
		final Affine all;
		if (n instanceof Normalization.Percentile p) all = percentiles(p, channels(raw), low, high);
		else if (n instanceof Normalization.Standardize) all = MeanDeviation.standardizing(MeanDeviation.of(
			new SampleScan<>(channels(raw), 1, () -> {})));
		else if (n instanceof Normalization.FixedRange f) all = Affine.mapping(f.low(), f.high(), low, high);
		else if (n instanceof Normalization.TypeRange && typeMax > 0) all = Affine.mapping(0, typeMax, low, high);
		else all = Affine.IDENTITY;
		Arrays.fill(maps, all);
		return maps;
	}

	/** {@code raw} mapped channel by channel through {@code maps}, as a new array. */
	public static NhwcArray apply(final Affine[] maps, final NhwcArray raw) {
		final float[] in = raw.data(), out = new float[in.length];
		final int channels = raw.channels();
		for (int i = 0; i < in.length; i++)
			out[i] = (float) maps[i % channels].apply(in[i]);
		return new NhwcArray(raw.batch(), raw.height(), raw.width(), channels, out);
	}

	private static Affine percentiles(final Normalization.Percentile p,
		final List<RandomAccessibleInterval<FloatType>> planes, final double low, final double high)
	{
		final double[] v = ExactPercentiles.of(new SampleScan<>(planes, 1, () -> {}), p.low(), p.high());
		// a constant plane is shifted to the range's bottom, as the engine does, rather than divided by zero
		return v[1] > v[0] ? Affine.mapping(v[0], v[1], low, high) : new Affine(1, low - v[0]);
	}

	private static List<RandomAccessibleInterval<FloatType>> channels(final NhwcArray raw) {
		final List<RandomAccessibleInterval<FloatType>> channels = new ArrayList<>();
		for (int c = 0; c < raw.channels(); c++)
			channels.add(channel(raw, c));
		return channels;
	}

	private static RandomAccessibleInterval<FloatType> channel(final NhwcArray raw, final int c) {
		final int pixels = raw.height() * raw.width(), channels = raw.channels();
		final float[] values = new float[pixels];
		for (int i = 0; i < pixels; i++)
			values[i] = raw.data()[i * channels + c];
		return ArrayImgs.floats(values, raw.width(), raw.height());
	}
}
