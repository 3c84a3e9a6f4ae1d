package org.restorej.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.restorej.array.NhwcArray;
import org.restorej.bioimageio.PackageModels;
import org.restorej.classical.ClassicalAnchor;
import org.restorej.classical.VstNonLocalMeans;
import org.restorej.data.Acquisition;
import org.restorej.data.Camera;
import org.restorej.data.TiffImages;
import org.restorej.metrics.ImageQuality;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;

/**
 * Every method on every image of an evaluation set: the noisy input, each {@link ClassicalAnchor} with its
 * parameter tuned on the clean image, the best of them per image, and each model with its default options.
 * PSNR and SSIM (papers' window) of the raw ADU images with each clean image's data range (max - min); every
 * result clipped to the camera's range, as writing it in the input's pixel type does.
 */
public final class AcquisitionScores {

	public static final String NOISY = "noisy input", BEST_CLASSICAL = "best classical";

	/** One method on one image; {@code parameter} is the anchor's tuned parameter (NaN for the others). */
	public record Result(double psnr, double ssim, double parameter) {}

	/** All methods on one image, by label, in table order. */
	public record Scored(Acquisition acquisition, Map<String, Result> results) {}

	private AcquisitionScores() {}

	/** The labels of the classical columns, in order. */
	public static List<String> classicalLabels() {
		final List<String> l = new ArrayList<>();
		for (final ClassicalAnchor a : ClassicalAnchor.values())
			l.add(a.label());
		l.add(BEST_CLASSICAL);
		return l;
	}

	/** A column label per model folder: its name, or its path where names repeat. */
	public static List<String> labels(final List<Path> models) {
		final List<String> labels = new ArrayList<>();
		for (final Path m : models) {
			final String name = m.getFileName().toString();
			labels.add(models.stream().filter(o -> o.getFileName().toString().equals(name)).count() > 1 ? m.toString()
				: name);
		}
		return labels;
	}

	public static List<Scored> score(final List<Acquisition> images, final List<Path> models, final Consumer<String> log) {
		return score(images, models, 1, log);
	}

	/**
	 * As {@link #score(List, List, Consumer)} with each model also as a self-ensemble of {@code ensemble} passes
	 * (a column of its own, labelled {@code NAME xN}) when that is more than 1.
	 */
	public static List<Scored> score(final List<Acquisition> images, final List<Path> models, final int ensemble,
		final Consumer<String> log)
	{
		return score(images, models, ensemble, Adaptation.Steps.OFF, log);
	}

	/**
	 * As {@link #score(List, List, int, Consumer)}, and with {@code adapt} on each model also adapted to each image
	 * ({@link Adaptation}, self-supervised on the noisy image alone), a column labelled {@code NAME adapted}.
	 */
	public static List<Scored> score(final List<Acquisition> images, final List<Path> models, final int ensemble,
		final Adaptation.Steps adapt, final Consumer<String> log)
	{
		final List<Scored> out = new ArrayList<>();
		for (final Acquisition a : images) {
			final Map<String, Result> r = new LinkedHashMap<>();
			final double range = HeldOutEvaluation.dataRange(a.clean());
			r.put(NOISY, measure(a, a.noisy(), range, Double.NaN));
			Result best = null;
			for (final ClassicalAnchor anchor : ClassicalAnchor.values()) {
				final ClassicalAnchor.Tuned t = tuned(anchor, a);
				final Result res = measure(a, new NhwcArray(1, a.noisy().height(), a.noisy().width(), 1, t.image()), range, t
					.parameter());
				r.put(anchor.label(), res);
				if (best == null || res.psnr() > best.psnr()) best = res;
			}
			r.put(BEST_CLASSICAL, best);
			out.add(new Scored(a, r));
		}
		final List<String> labels = labels(models);
		for (int i = 0; i < models.size(); i++) {
			log.accept("Evaluating " + models.get(i) + " ...");
			try (LoadedModel model = LoadedModel.load(PackageModels.folder(models.get(i)), ExecutionOptions.cpu())) {
				for (final Scored s : out) {
					final Acquisition a = s.acquisition();
					s.results().put(labels.get(i), measure(a, HeldOutEvaluation.restoreWithDefaults(model, a.noisy(), a
						.camera().maxValue()), HeldOutEvaluation.dataRange(a.clean()), Double.NaN));
					if (ensemble > 1) s.results().put(ensembleLabel(labels.get(i), ensemble), measure(a, HeldOutEvaluation
						.restoreWithDefaults(model, a.noisy(), a.camera().maxValue(), ensemble), HeldOutEvaluation.dataRange(a
							.clean()), Double.NaN));
				}
			}
			if (adapt.on()) for (final Scored s : out)
				s.results().put(adaptedLabel(labels.get(i)), adapted(models.get(i), s.acquisition(), adapt, log));
		}
		return out;
	}

	/** The column of a model adapted to each image. */
	public static String adaptedLabel(final String model) {
		return model + " adapted";
	}

	private static Result adapted(final Path model, final Acquisition a, final Adaptation.Steps steps,
		final Consumer<String> log)
	{
		try {
			final Path dir = Files.createTempDirectory("restorej-evaluate-");
			try {
				final Path noisy = dir.resolve(a.name() + ".tif");
				TiffImages.write32Bit(a.noisy(), noisy);
				try (Adaptation.Adapted adapted = Adaptation.adapt(model, noisy, steps, null, false, p -> {}, m -> {}, () ->
					false); LoadedModel m = LoadedModel.load(adapted.model(), ExecutionOptions.cpu())) {
					log.accept("Adapted " + model.getFileName() + " to " + a.name());
					return measure(a, HeldOutEvaluation.restoreWithDefaults(m, a.noisy(), a.camera().maxValue()),
						HeldOutEvaluation.dataRange(a.clean()), Double.NaN);
				}
			}
			finally {
				Adaptation.quietlyDelete(dir, log);
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The column of a model run as a self-ensemble. */
	public static String ensembleLabel(final String model, final int ensemble) {
		return model + " x" + ensemble;
	}

	/** One anchor on one image with its oracle parameter. */
	public static ClassicalAnchor.Tuned tuned(final ClassicalAnchor anchor, final Acquisition a) {
		final Camera c = a.camera();
		final NhwcArray n = a.noisy();
		return anchor.oracle(a.clean().data(), n.data(), n.height(), n.width(), new VstNonLocalMeans.CameraNoise(c
			.gain(), c.offset(), c.readNoise()), c.maxValue(), HeldOutEvaluation.dataRange(a.clean()));
	}

	private static Result measure(final Acquisition a, final NhwcArray result, final double range,
		final double parameter)
	{
		final ImageQuality q = ImageQuality.measure(a.clean(), result, range);
		return new Result(q.psnr(), q.ssim(), parameter);
	}
}
