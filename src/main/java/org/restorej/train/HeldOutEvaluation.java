package org.restorej.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.restorej.array.NhwcArray;
import org.restorej.classical.ClassicalAnchor;
import org.restorej.data.Acquisition;
import org.restorej.data.HeldOutAcquisitions;
import org.restorej.engine.EnsembleNetwork;
import org.restorej.engine.normalize.Affine;
import org.restorej.engine.normalize.ArrayNormalization;
import org.restorej.engine.normalize.Normalization;
import org.restorej.runtime.LoadedModel;

/**
 * Models with their default options ({@code normalize=auto}: the model's declared normalisation) on
 * {@link HeldOutAcquisitions}, per photon level, beside the noisy input and the classical anchors of
 * {@link AcquisitionScores} (a Gaussian, and after a variance-stabilising transform with the camera's true gain,
 * offset and read noise non-local means, total variation and BayesShrink wavelets, each with its parameter tuned
 * per image on the clean image: an oracle no user has). PSNR and SSIM (papers' window) of the raw
 * ADU images with each clean image's data range (its max - min); outputs clipped to the camera's range as
 * writing them in the input's pixel type does.
 */
public final class HeldOutEvaluation {

	/** The bundled models, by name, that {@code restorej evaluate} measures by default. */
	public static final List<String> BUNDLED = List.of(DemoRestoration.DEFAULT_MODEL, "ast-fluorescence-restoration");

	public static final String NOISY = AcquisitionScores.NOISY, GAUSSIAN = ClassicalAnchor.GAUSSIAN.label(), NLM =
		ClassicalAnchor.NLM.label();

	public record Score(double psnr, double ssim) {}

	/** Mean scores per method at one photon level (or over all, photons NaN). */
	public record Row(double photons, Map<String, Score> scores) {}

	public record Report(List<String> methods, List<String> models, List<Row> rows, Row mean) {

		@Override
		public String toString() {
			final StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Held-out set: %s, %d images of " +
				"%dx%d per photon level (seed %d), default options; PSNR (dB) / SSIM, raw ADU, data range of each clean " +
				"image%n", org.restorej.data.SceneFamily.evaluation(), rows.get(0).scores().isEmpty() ? 0
					: HeldOutAcquisitions.PER_FAMILY * org.restorej.data.SceneFamily.evaluation().size(),
				HeldOutAcquisitions.WIDTH, HeldOutAcquisitions.HEIGHT, HeldOutAcquisitions.SEED));
			s.append(String.format(Locale.ROOT, "%-8s", "photons"));
			for (final String m : methods)
				s.append(" | ").append(String.format(Locale.ROOT, "%-" + width(m) + "s", m));
			s.append('\n');
			for (final Row r : rows)
				line(s, String.format(Locale.ROOT, "%.0f", r.photons()), r);
			line(s, "mean", mean);
			for (final String m : models) {
				double worstGaussian = Double.MAX_VALUE, worstNoisy = Double.MAX_VALUE;
				for (final Row r : rows) {
					worstGaussian = Math.min(worstGaussian, r.scores().get(m).psnr() - r.scores().get(GAUSSIAN).psnr());
					worstNoisy = Math.min(worstNoisy, r.scores().get(m).psnr() - r.scores().get(NOISY).psnr());
				}
				double worstBest = Double.MAX_VALUE;
				for (final Row r : rows)
					worstBest = Math.min(worstBest, r.scores().get(m).psnr() - r.scores().get(AcquisitionScores
						.BEST_CLASSICAL).psnr());
				s.append(String.format(Locale.ROOT, "%s: %+.2f dB over the oracle Gaussian on average (worst level " +
					"%+.2f), %+.2f dB over VST + NLM, %+.2f dB over the best classical filter per image (worst level " +
					"%+.2f), worst level %+.2f dB over the noisy input%n", m, mean.scores().get(m).psnr() - mean.scores()
						.get(GAUSSIAN).psnr(), worstGaussian, mean.scores().get(m).psnr() - mean.scores().get(NLM).psnr(),
					mean.scores().get(m).psnr() - mean.scores().get(AcquisitionScores.BEST_CLASSICAL).psnr(), worstBest,
					worstNoisy));
			}
			return s.toString();
		}

		private void line(final StringBuilder s, final String label, final Row r) {
			s.append(String.format(Locale.ROOT, "%-8s", label));
			for (final String m : methods)
				s.append(" | ").append(String.format(Locale.ROOT, "%-" + width(m) + "s", String.format(Locale.ROOT,
					"%6.2f / %.4f", r.scores().get(m).psnr(), r.scores().get(m).ssim())));
			s.append('\n');
		}

		private static int width(final String method) {
			return Math.max(15, method.length());
		}
	}

	private HeldOutEvaluation() {}

	/**
	 * Every model folder on the whole set beside the noisy input and the classical anchors of
	 * {@link AcquisitionScores}; a model's column is its folder's name (its path if names repeat).
	 */
	public static Report run(final List<Path> models, final Consumer<String> log) {
		final List<String> labels = AcquisitionScores.labels(models);
		final List<String> methods = new ArrayList<>(List.of(NOISY));
		methods.addAll(AcquisitionScores.classicalLabels());
		methods.addAll(labels);
		final List<Acquisition> all = new ArrayList<>();
		for (final double p : HeldOutAcquisitions.PHOTON_LEVELS)
			all.addAll(HeldOutAcquisitions.at(p));
		final List<AcquisitionScores.Scored> scored = AcquisitionScores.score(all, models, log);
		final List<Row> rows = new ArrayList<>();
		final Map<String, double[]> total = new LinkedHashMap<>();
		for (final double p : HeldOutAcquisitions.PHOTON_LEVELS) {
			final List<AcquisitionScores.Scored> level = scored.stream().filter(x -> x.acquisition().camera()
				.photons() == p).toList();
			final Map<String, Score> scores = new LinkedHashMap<>();
			for (final String method : methods) {
				final double psnr = level.stream().mapToDouble(x -> x.results().get(method).psnr()).average().orElse(
					Double.NaN), ssim = level.stream().mapToDouble(x -> x.results().get(method).ssim()).average().orElse(
						Double.NaN);
				scores.put(method, new Score(psnr, ssim));
				final double[] t = total.computeIfAbsent(method, k -> new double[2]);
				t[0] += psnr / HeldOutAcquisitions.PHOTON_LEVELS.size();
				t[1] += ssim / HeldOutAcquisitions.PHOTON_LEVELS.size();
			}
			rows.add(new Row(p, scores));
		}
		final Map<String, Score> mean = new LinkedHashMap<>();
		total.forEach((method, v) -> mean.put(method, new Score(v[0], v[1])));
		return new Report(methods, labels, rows, new Row(Double.NaN, mean));
	}

	/**
	 * What {@code restore} does with default options: the model's declared normalisation on the raw image, the
	 * network, the inverse map, and the camera's range.
	 */
	public static NhwcArray restoreWithDefaults(final LoadedModel model, final NhwcArray raw, final double typeMax) {
		return restoreWithDefaults(model, raw, typeMax, 1);
	}

	/** As {@link #restoreWithDefaults(LoadedModel, NhwcArray, double)}, the network a self-ensemble of that many. */
	public static NhwcArray restoreWithDefaults(final LoadedModel model, final NhwcArray raw, final double typeMax,
		final int ensemble)
	{
		final Affine[] maps = ArrayNormalization.forward(Normalization.declaredBy(model.description()), raw, typeMax,
			model.description().valueRange());
		final NhwcArray out = EnsembleNetwork.average(ensemble, x -> SimpleTiledPrediction.predict(model, x),
			ArrayNormalization.apply(maps, raw));
		final float[] d = ArrayNormalization.apply(inverse(maps), out).data();
		for (int i = 0; i < d.length; i++)
			d[i] = (float) Math.max(0, Math.min(typeMax, d[i]));
		return new NhwcArray(out.batch(), out.height(), out.width(), out.channels(), d);
	}

	/**
	 * The model's declared normalisation on an image already scaled to [0, 1] by its bit depth (the type's
	 * range is then the identity; percentiles do not depend on the scale), the network, and back.
	 */
	static NhwcArray restoreScaled(final LoadedModel model, final NhwcArray scaled) {
		final Affine[] maps = ArrayNormalization.forward(Normalization.declaredBy(model.description()), scaled, 0,
			model.description().valueRange());
		return ArrayNormalization.apply(inverse(maps), SimpleTiledPrediction.predict(model, ArrayNormalization.apply(
			maps, scaled)));
	}

	static Affine[] inverse(final Affine[] maps) {
		final Affine[] back = new Affine[maps.length];
		for (int c = 0; c < maps.length; c++)
			back[c] = maps[c].inverse();
		return back;
	}

	/**
	 * The best Gaussian filter for this image, its sigma (0.2 to 5 px, step 0.1; or none) chosen on the clean
	 * image ({@link ClassicalAnchor#GAUSSIAN}).
	 */
	public static NhwcArray oracleGaussian(final Acquisition a) {
		return new NhwcArray(1, a.noisy().height(), a.noisy().width(), 1, AcquisitionScores.tuned(ClassicalAnchor
			.GAUSSIAN, a).image());
	}

	/** The clean image's max - min: the data range of both metrics. */
	public static double dataRange(final NhwcArray clean) {
		double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
		for (final float v : clean.data()) {
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		return Math.max(max - min, 1e-6);
	}
}
