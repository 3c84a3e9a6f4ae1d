package org.restorej.engine;

import java.util.Locale;

import org.restorej.engine.normalize.Normalization;
import org.restorej.model.ModelDescription;

/**
 * Watches the network's outputs for one image for values far outside what the normalised input makes
 * plausible, the mark of a normalisation the weights were not trained with (e.g. a camera image
 * divided by 65535 for a model trained on percentile-normalised data). Per tile, cheaply: the plausible
 * band is the model's value range joined with the tile's normalised input values, widened on both sides
 * by its own width; an output value beyond it (or NaN) is off scale. Restoring denoises, deblurs or
 * removes rain and haze within the range of its input, so a sound restoration has no such value; the
 * warning is raised once per image when more than {@link #SHARE} of the outputs are.
 */
final class OutputRangeCheck {

	/** How far beyond the band an output must lie, in widths of the band. */
	static final double MARGIN = 1;
	/** Share of off-scale output values that raises the warning. */
	static final double SHARE = 0.01;

	private final double low, high;
	private long values, offScale;
	private double outMin = Double.POSITIVE_INFINITY, outMax = Double.NEGATIVE_INFINITY;
	private double bandMin = Double.POSITIVE_INFINITY, bandMax = Double.NEGATIVE_INFINITY;

	OutputRangeCheck(final ModelDescription.ValueRange range) {
		this.low = range == null ? 0 : range.min();
		this.high = range == null ? 1 : range.max();
	}

	/** One tile: its network input {@code in[inFrom, inTo)} and output {@code out[outFrom, outTo)}. */
	synchronized void tile(final float[] in, final int inFrom, final int inTo, final float[] out, final int outFrom,
		final int outTo)
	{
		double lo = low, hi = high;
		for (int i = inFrom; i < inTo; i++) {
			final float v = in[i];
			if (v < lo) lo = v;
			else if (v > hi) hi = v;
		}
		final double span = hi - lo, bottom = lo - MARGIN * span, top = hi + MARGIN * span;
		bandMin = Math.min(bandMin, bottom);
		bandMax = Math.max(bandMax, top);
		long off = 0;
		for (int i = outFrom; i < outTo; i++) {
			final float v = out[i];
			if (!(v >= bottom && v <= top)) off++;
			if (v < outMin) outMin = v;
			if (v > outMax) outMax = v;
		}
		offScale += off;
		values += outTo - outFrom;
	}

	/** Share of the output values seen so far that were off scale. */
	synchronized double offScaleShare() {
		return values == 0 ? 0 : (double) offScale / values;
	}

	/**
	 * Warns on {@code log} if the image's outputs were off scale, naming the image, what was seen, the
	 * likely cause and the fix.
	 *
	 * @param applied the normalisation used; {@code requested} what the caller asked for (possibly
	 *          {@link Normalization.Declared})
	 */
	synchronized void report(final EngineLog log, final String image, final Normalization requested,
		final Normalization applied, final ModelDescription model)
	{
		if (offScaleShare() <= SHARE) return;
		final Normalization declared = Normalization.declaredBy(model);
		final String fix;
		if (!applied.equals(declared)) fix = "restore with normalize=auto, which applies what " + model.name() +
			" declares (" + Normalization.text(declared) + ")";
		else if (!(applied instanceof Normalization.Percentile)) fix = "try normalize=percentile (e.g. " +
			"percentiles=1,99.8), which adapts to the image's own intensities";
		else fix = "check that " + model.name() + " suits these images (or try other percentiles)";
		log.warning(String.format(Locale.ROOT, "the result for %s is probably off scale: %.1f%% of the network's " +
			"output values lie outside the plausible band [%.3g, %.3g] (the model's value range [%s, %s] and the " +
			"normalised input, widened by their width); the output spans [%.4g, %.4g]. The likely cause is a " +
			"normalisation these weights were not trained with (used: %s%s). To fix it, %s.", image, 100 *
				offScaleShare(), bandMin, bandMax, number(low), number(high), outMin, outMax, Normalization.text(applied),
			requested instanceof Normalization.Declared ? ", as the model declares" : "", fix));
	}

	private static String number(final double v) {
		return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
	}
}
