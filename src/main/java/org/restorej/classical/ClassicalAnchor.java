package org.restorej.classical;

import java.util.List;
import java.util.stream.IntStream;

import org.restorej.data.Convolution;
import org.restorej.metrics.Psnr;

/**
 * The classical filters that RestoreJ's models are measured against, each with the one parameter an expert
 * would tune. The three transform-domain ones work after the variance-stabilising transform of the camera's
 * true gain, offset and read noise (unit Gaussian noise there) and come back through its unbiased inverse;
 * {@link #oracle} picks each parameter on the clean image, which no user can, so the anchors are stronger than
 * anything a user would get from them.
 */
public enum ClassicalAnchor {

	/** A Gaussian filter, sigma 0.2 to 5 px. */
	GAUSSIAN("oracle Gaussian", "sigma", IntStream.rangeClosed(2, 50).mapToObj(k -> k / 10.0).toList()),
	/** Non-local means, the filtering parameter of Buades et al.'s table times 0.35 to 4. */
	NLM("VST + NLM", "h x", List.of(0.35, 0.5, 0.7, 1.0, 1.4, 2.0, 2.8, 4.0)),
	/** Total variation (ROF), weight 0.125 to 8 in units of the stabilised noise. */
	TV("VST + TV", "weight", List.of(0.125, 0.18, 0.25, 0.35, 0.5, 0.7, 1.0, 1.4, 2.0, 2.8, 4.0, 5.6, 8.0)),
	/** BayesShrink soft thresholds times 0.35 to 2.8, cycle-spun. */
	WAVELETS("VST + BayesShrink", "threshold x", List.of(0.35, 0.5, 0.7, 1.0, 1.4, 2.0, 2.8));

	/** One anchor's best result on an image, with the parameter that gave it (0: leaving the image as it is). */
	public record Tuned(ClassicalAnchor anchor, float[] image, double parameter, double psnr) {}

	private static final int TV_ITERATIONS = 100;

	private final String label, parameterName;
	private final List<Double> parameters;

	ClassicalAnchor(final String label, final String parameterName, final List<Double> parameters) {
		this.label = label;
		this.parameterName = parameterName;
		this.parameters = parameters;
	}

	public String label() {
		return label;
	}

	public String parameterName() {
		return parameterName;
	}

	public List<Double> parameters() {
		return parameters;
	}

	/**
	 * This filter with {@code parameter} on {@code raw} ADU, row-major {@code height x width}, clipped to
	 * {@code [0, maxValue]} as writing it in the camera's pixel type would.
	 */
	public float[] apply(final float[] raw, final int height, final int width, final VstNonLocalMeans.CameraNoise noise,
		final double maxValue, final double parameter)
	{
		final float[] out = switch (this) {
			case GAUSSIAN -> Convolution.gaussian(raw, height, width, parameter);
			case NLM -> VstNonLocalMeans.denoise(raw, height, width, noise, parameter);
			case TV -> VstNonLocalMeans.inverseAnscombe(TotalVariation.denoise(VstNonLocalMeans.anscombe(raw, noise),
				height, width, parameter, TV_ITERATIONS), noise);
			case WAVELETS -> VstNonLocalMeans.inverseAnscombe(BayesShrinkWavelets.denoise(VstNonLocalMeans.anscombe(raw,
				noise), height, width, 1, parameter), noise);
		};
		for (int i = 0; i < out.length; i++)
			out[i] = (float) Math.max(0, Math.min(maxValue, out[i]));
		return out;
	}

	/**
	 * The best of this filter's parameters for this image, judged by PSNR against {@code clean}, or the image
	 * itself where every parameter makes it worse (as an expert would leave it).
	 */
	public Tuned oracle(final float[] clean, final float[] raw, final int height, final int width,
		final VstNonLocalMeans.CameraNoise noise, final double maxValue, final double dataRange)
	{
		Tuned best = new Tuned(this, raw, 0, Psnr.of(clean, raw, dataRange));
		for (final double p : parameters) {
			final float[] f = apply(raw, height, width, noise, maxValue, p);
			final double psnr = Psnr.of(clean, f, dataRange);
			if (psnr > best.psnr()) best = new Tuned(this, f, p, psnr);
		}
		return best;
	}
}
