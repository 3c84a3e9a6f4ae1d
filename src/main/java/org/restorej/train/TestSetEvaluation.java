package org.restorej.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.restorej.array.NhwcArray;
import org.restorej.bioimageio.PackageModels;
import org.restorej.data.Convolution;
import org.restorej.data.ImagePair;
import org.restorej.data.SyntheticDataset;
import org.restorej.engine.device.ModelLoader;
import org.restorej.engine.device.PlacedModel;
import org.restorej.metrics.ImageQuality;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;

/**
 * How a model does on a held-out synthetic test set, beside two references: the degraded input itself and
 * the best Gaussian filter, its sigma tuned on the same test set (which favours the baseline). Metrics with
 * data range 1 (65535 in raw 16-bit units), SSIM with the papers' Gaussian window; model outputs are clipped
 * to [0, 1] as when written as 16-bit images; the model gets its declared normalisation, as by default.
 */
public final class TestSetEvaluation {

	/** Mean PSNR and SSIM of one method over the test set. */
	public record Score(String method, double psnr, double ssim) {}

	public record Report(String testSet, int images, Score degraded, Score gaussian, double gaussianSigma,
		Score model, double secondsPerImage)
	{
		@Override
		public String toString() {
			return String.format(Locale.ROOT, "Test set: %s, %d images%n", testSet, images) + row(degraded) + row(
				gaussian) + row(model) + String.format(Locale.ROOT, "model: %+.2f dB over the input, %+.2f dB over the " +
					"best Gaussian (sigma %.2f); %.2f s per image%n", model.psnr - degraded.psnr, model.psnr -
						gaussian.psnr, gaussianSigma, secondsPerImage);
		}

		private static String row(final Score s) {
			return String.format(Locale.ROOT, "  %-28s PSNR %6.2f dB  SSIM %.4f%n", s.method(), s.psnr(), s.ssim());
		}
	}

	private static final double SIGMA_STEP = 0.05, SIGMA_MAX = 3.0;

	private TestSetEvaluation() {}

	public static Report run(final Path modelDir, final SyntheticDataset testSet, final Consumer<String> log) {
		return run(modelDir, testSet, log, ExecutionOptions.cpu());
	}

	/** The same on the device of {@code execution}; the loader's messages (the device that runs) go to {@code log}. */
	public static Report run(final Path modelDir, final SyntheticDataset testSet, final Consumer<String> log,
		final ExecutionOptions execution)
	{
		final List<ImagePair> pairs = testSet.pairs(SyntheticDataset.TEST_COUNT);
		final Score degraded = score("degraded input", pairs, pairs.stream().map(ImagePair::degraded).toList());
		final double sigma = bestGaussianSigma(pairs);
		final Score gaussian = score(String.format(Locale.ROOT, "Gaussian filter, sigma %.2f", sigma), pairs,
			gaussian(pairs, sigma));
		final List<NhwcArray> restored = new ArrayList<>();
		final long t0 = System.nanoTime();
		try (PlacedModel placed = ModelLoader.load(PackageModels.folder(modelDir), execution, log::accept)) {
			final LoadedModel m = placed.model();
			for (final ImagePair p : pairs)
				restored.add(clip(HeldOutEvaluation.restoreScaled(m, p.degraded())));
		}
		final double perImage = (System.nanoTime() - t0) / 1e9 / pairs.size();
		final Score model = score("model " + modelDir.getFileName(), pairs, restored);
		return new Report(String.format(Locale.ROOT, "seed %d, %dx%d, %s", testSet.seed(), testSet.size(), testSet
			.size(), testSet.degradation()), pairs.size(), degraded, gaussian, sigma, model, perImage);
	}

	/** The sigma (on a 0.05 grid up to 3) whose Gaussian filter gives the highest mean PSNR. */
	public static double bestGaussianSigma(final List<ImagePair> pairs) {
		double best = 0, bestPsnr = Double.NEGATIVE_INFINITY;
		for (double s = SIGMA_STEP; s <= SIGMA_MAX + 1e-9; s += SIGMA_STEP) {
			final double sigma = Math.round(s / SIGMA_STEP) * SIGMA_STEP;
			final double psnr = meanPsnr(pairs, gaussian(pairs, sigma));
			if (psnr > bestPsnr) {
				bestPsnr = psnr;
				best = sigma;
			}
		}
		return best;
	}

	private static double meanPsnr(final List<ImagePair> pairs, final List<NhwcArray> results) {
		double psnr = 0;
		for (int i = 0; i < pairs.size(); i++)
			psnr += org.restorej.metrics.Psnr.of(pairs.get(i).clean().data(), results.get(i).data(), 1.0);
		return psnr / pairs.size();
	}

	static List<NhwcArray> gaussian(final List<ImagePair> pairs, final double sigma) {
		final List<NhwcArray> out = new ArrayList<>();
		for (final ImagePair p : pairs) {
			final NhwcArray d = p.degraded();
			out.add(new NhwcArray(1, d.height(), d.width(), 1, Convolution.gaussian(d.data(), d.height(), d.width(),
				sigma)));
		}
		return out;
	}

	static Score score(final String method, final List<ImagePair> pairs, final List<NhwcArray> results) {
		double psnr = 0, ssim = 0;
		for (int i = 0; i < pairs.size(); i++) {
			final ImageQuality q = ImageQuality.measure(pairs.get(i).clean(), results.get(i), 1.0);
			psnr += q.psnr();
			ssim += q.ssim();
		}
		return new Score(method, psnr / pairs.size(), ssim / pairs.size());
	}

	static NhwcArray clip(final NhwcArray a) {
		final float[] d = a.data().clone();
		for (int i = 0; i < d.length; i++)
			d[i] = Math.max(0, Math.min(1, d[i]));
		return new NhwcArray(a.batch(), a.height(), a.width(), a.channels(), d);
	}
}
