package org.restorej.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.restorej.classical.ClassicalAnchor;
import org.restorej.data.Acquisition;

/**
 * Models on real images, one row per image: the noisy input, each classical anchor with its tuned parameter,
 * the best of them, and each model with its default options (see {@link AcquisitionScores}); then, per model,
 * its margin over the best classical filter on average, at its worst, per photon level, and how often it falls
 * below that filter or below the noisy input.
 */
public final class RealEvaluation {

	public record Report(List<String> methods, List<String> models, List<AcquisitionScores.Scored> images) {

		/** The model's PSNR less the best classical filter's, image by image. */
		public double[] margins(final String model) {
			return images.stream().mapToDouble(s -> s.results().get(model).psnr() - s.results().get(
				AcquisitionScores.BEST_CLASSICAL).psnr()).toArray();
		}

		public double mean(final String method) {
			return images.stream().mapToDouble(s -> s.results().get(method).psnr()).average().orElse(Double.NaN);
		}

		@Override
		public String toString() {
			final StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Real images: %d acquisitions; PSNR " +
				"(dB), raw ADU, data range of each clean image; classical anchors tuned on the clean image (parameter in " +
				"brackets, 0: unfiltered)%n", images.size()));
			s.append(String.format(Locale.ROOT, "%-22s %-34s", "image", "camera"));
			for (final String m : methods)
				s.append(" | ").append(String.format(Locale.ROOT, "%" + width(m) + "s", m));
			s.append('\n');
			for (final AcquisitionScores.Scored i : images) {
				final var c = i.acquisition().camera();
				s.append(String.format(Locale.ROOT, "%-22s %-34s", i.acquisition().name(), String.format(Locale.ROOT,
					"%d-bit %.4g ph, %.3g ADU/e-, +%.0f", c.bits(), c.photons(), c.gain(), c.offset())));
				for (final String m : methods) {
					final AcquisitionScores.Result r = i.results().get(m);
					final String cell = Double.isNaN(r.parameter()) ? String.format(Locale.ROOT, "%.2f", r.psnr()) : String
						.format(Locale.ROOT, "%.2f (%.3g)", r.psnr(), r.parameter());
					s.append(" | ").append(String.format(Locale.ROOT, "%" + width(m) + "s", cell));
				}
				s.append('\n');
			}
			s.append(String.format(Locale.ROOT, "%-57s", "mean"));
			for (final String m : methods)
				s.append(" | ").append(String.format(Locale.ROOT, "%" + width(m) + ".2f", mean(m)));
			s.append('\n');
			for (final String m : models) {
				final double[] d = margins(m);
				double worst = Double.MAX_VALUE, sum = 0;
				int below = 0, belowNoisy = 0;
				for (int k = 0; k < d.length; k++) {
					worst = Math.min(worst, d[k]);
					sum += d[k];
					if (d[k] < 0) below++;
					if (images.get(k).results().get(m).psnr() < images.get(k).results().get(AcquisitionScores.NOISY)
						.psnr()) belowNoisy++;
				}
				final TreeMap<Double, double[]> perLevel = new TreeMap<>();
				for (int k = 0; k < d.length; k++) {
					final double[] v = perLevel.computeIfAbsent(images.get(k).acquisition().camera().photons(), p ->
						new double[2]);
					v[0] += d[k];
					v[1]++;
				}
				final StringBuilder levels = new StringBuilder();
				if (perLevel.size() <= 12) perLevel.forEach((p, v) -> levels.append(String.format(Locale.ROOT, " %.4g:%+.2f",
					p, v[0] / v[1])));
				s.append(String.format(Locale.ROOT, "%s: %+.2f dB over the best classical filter on average, worst " +
					"%+.2f, below it on %d of %d, below the noisy input on %d%s%n", m, sum / d.length, worst, below, d.length,
					belowNoisy, levels.length() == 0 ? "" : "; per photon level" + levels));
			}
			return s.toString();
		}

		private static int width(final String method) {
			return Math.max(12, Math.min(method.length(), 30));
		}
	}

	private RealEvaluation() {}

	public static Report run(final List<Acquisition> images, final List<Path> models, final Consumer<String> log) {
		return run(images, models, 1, log);
	}

	/** As {@link #run(List, List, Consumer)}, each model also as a self-ensemble of {@code ensemble} passes. */
	public static Report run(final List<Acquisition> images, final List<Path> models, final int ensemble,
		final Consumer<String> log)
	{
		return run(images, models, ensemble, Adaptation.Steps.OFF, log);
	}

	/** As {@link #run(List, List, int, Consumer)}, each model also adapted to each image with {@code adapt}. */
	public static Report run(final List<Acquisition> images, final List<Path> models, final int ensemble,
		final Adaptation.Steps adapt, final Consumer<String> log)
	{
		final List<String> labels = new ArrayList<>();
		for (final String l : AcquisitionScores.labels(models)) {
			labels.add(l);
			if (ensemble > 1) labels.add(AcquisitionScores.ensembleLabel(l, ensemble));
			if (adapt.on()) labels.add(AcquisitionScores.adaptedLabel(l));
		}
		final List<String> methods = new ArrayList<>();
		methods.add(AcquisitionScores.NOISY);
		methods.addAll(AcquisitionScores.classicalLabels());
		methods.addAll(labels);
		log.accept("Tuning " + ClassicalAnchor.values().length + " classical filters on " + images.size() +
			" images ...");
		return new Report(methods, labels, AcquisitionScores.score(images, models, ensemble, adapt, log));
	}
}
