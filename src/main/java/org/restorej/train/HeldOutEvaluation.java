package org.restorej.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.restorej.classical.VstNonLocalMeans;
import org.restorej.data.Acquisition;
import org.restorej.data.Camera;
import org.restorej.data.Convolution;
import org.restorej.data.HeldOutAcquisitions;
import org.restorej.engine.EnsembleNetwork;
import org.restorej.engine.normalize.Affine;
import org.restorej.engine.normalize.ArrayNormalization;
import org.restorej.engine.normalize.Normalization;
import org.restorej.metrics.ImageQuality;
import org.restorej.metrics.Psnr;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;
import org.restorej.runtime.NhwcArray;

/**
 * Models with their default options ({@code normalize=auto}: the model's declared normalisation) on
 * {@link HeldOutAcquisitions}, per photon level, beside the noisy input, a Gaussian filter whose sigma is
 * tuned per image on the clean image (an oracle no user has) and non-local means after a variance-stabilising
 * transform with the camera's true gain, offset and read noise. PSNR and SSIM (papers' window) of the raw
 * ADU images with each clean image's data range (its max - min); outputs clipped to the camera's range as
 * writing them in the input's pixel type does.
 */
public final class HeldOutEvaluation {

	/** The bundled models, by name, that {@code restorej evaluate} measures by default. */
	public static final List<String> BUNDLED = List.of(DemoRestoration.DEFAULT_MODEL, "ast-fluorescence-restoration");

	public static final String NOISY = "noisy input", GAUSSIAN = "oracle Gaussian", NLM = "VST + NLM";

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
				s.append(String.format(Locale.ROOT, "%s: %+.2f dB over the oracle Gaussian on average (worst level " +
					"%+.2f), %+.2f dB over VST + NLM, worst level %+.2f dB over the noisy input%n", m, mean.scores().get(m)
						.psnr() - mean.scores().get(GAUSSIAN).psnr(), worstGaussian, mean.scores().get(m).psnr() - mean
							.scores().get(NLM).psnr(), worstNoisy));
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

	/** Every model folder on the whole set; a model's column is its folder's name (its path if names repeat). */
	public static Report run(final List<Path> models, final Consumer<String> log) {
		final List<String> labels = new ArrayList<>();
		for (final Path m : models) {
			final String name = m.getFileName().toString();
			labels.add(models.stream().filter(o -> o.getFileName().toString().equals(name)).count() > 1 ? m.toString()
				: name);
		}
		final List<String> methods = new ArrayList<>(List.of(NOISY, GAUSSIAN, NLM));
		methods.addAll(labels);
		final Map<Double, List<Acquisition>> sets = new LinkedHashMap<>();
		for (final double p : HeldOutAcquisitions.PHOTON_LEVELS)
			sets.put(p, HeldOutAcquisitions.at(p));
		final Map<Double, Map<String, double[]>> sums = new LinkedHashMap<>();
		sets.forEach((p, images) -> {
			final Map<String, double[]> m = new LinkedHashMap<>();
			for (final String method : methods)
				m.put(method, new double[2]);
			sums.put(p, m);
			for (final Acquisition a : images) {
				add(m.get(NOISY), a, a.noisy());
				add(m.get(GAUSSIAN), a, oracleGaussian(a));
				add(m.get(NLM), a, nlm(a));
			}
		});
		for (int i = 0; i < models.size(); i++) {
			log.accept("Evaluating " + models.get(i) + " ...");
			try (LoadedModel model = LoadedModel.load(models.get(i), ExecutionOptions.cpu())) {
				for (final Map.Entry<Double, List<Acquisition>> e : sets.entrySet())
					for (final Acquisition a : e.getValue())
						add(sums.get(e.getKey()).get(labels.get(i)), a, restoreWithDefaults(model, a.noisy(), a.camera()
							.maxValue()));
			}
		}
		final List<Row> rows = new ArrayList<>();
		final Map<String, double[]> total = new LinkedHashMap<>();
		sums.forEach((p, m) -> {
			final int n = sets.get(p).size();
			final Map<String, Score> scores = new LinkedHashMap<>();
			m.forEach((method, v) -> {
				scores.put(method, new Score(v[0] / n, v[1] / n));
				final double[] t = total.computeIfAbsent(method, k -> new double[2]);
				t[0] += v[0] / n / sums.size();
				t[1] += v[1] / n / sums.size();
			});
			rows.add(new Row(p, scores));
		});
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

	/** The best Gaussian filter for this image, its sigma (0.2 to 5 px, step 0.1) chosen on the clean image. */
	public static NhwcArray oracleGaussian(final Acquisition a) {
		final NhwcArray n = a.noisy();
		final double range = dataRange(a.clean());
		float[] best = n.data();
		double bestPsnr = Psnr.of(a.clean().data(), best, range);
		for (int k = 2; k <= 50; k++) {
			final float[] f = Convolution.gaussian(n.data(), n.height(), n.width(), k / 10.0);
			final double p = Psnr.of(a.clean().data(), f, range);
			if (p > bestPsnr) {
				bestPsnr = p;
				best = f;
			}
		}
		return new NhwcArray(1, n.height(), n.width(), 1, best);
	}

	static NhwcArray nlm(final Acquisition a) {
		final Camera c = a.camera();
		final NhwcArray n = a.noisy();
		final float[] d = VstNonLocalMeans.denoise(n.data(), n.height(), n.width(), new VstNonLocalMeans.CameraNoise(c
			.gain(), c.offset(), c.readNoise()));
		for (int i = 0; i < d.length; i++)
			d[i] = (float) Math.max(0, Math.min(c.maxValue(), d[i]));
		return new NhwcArray(1, n.height(), n.width(), 1, d);
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

	private static void add(final double[] sum, final Acquisition a, final NhwcArray result) {
		final ImageQuality q = ImageQuality.measure(a.clean(), result, dataRange(a.clean()));
		sum[0] += q.psnr();
		sum[1] += q.ssim();
	}
}
