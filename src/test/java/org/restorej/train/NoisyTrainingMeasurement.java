package org.restorej.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.restorej.cli.Main;
import org.restorej.export.ModelExporter;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.model.ModelLocator;

import ij.IJ;

/**
 * The measure of {@code train --noisy}: one 512x512 camera image (tissue-like content, 20 photons at the
 * brightest pixel, or {@code -Dphotons=P}), trained on with the command line's defaults, against the noisy input, the oracle Gaussian
 * and the bundled model: {@code NoisyTrainingMeasurement WORK_DIR [percentile-base] [train options...]}.
 * {@code percentile-base} fine-tunes a copy of the bundled Restormer that declares percentiles 1 and 99.8.
 */
public final class NoisyTrainingMeasurement {

	public static void main(final String... a) throws Exception {
		final Path work = Path.of(a[0]);
		final boolean percentileBase = a.length > 1 && a[1].equals("percentile-base");
		final CameraImages.Camera cam = CameraImages.tissue(512, 512, Double.parseDouble(System.getProperty("photons",
			"20")), 20261202L);
		final Path noisy = work.resolve("noisy/tissue.tif");
		cam.writeNoisy(noisy);
		final double[] g = cam.oracleGaussian();
		System.out.printf(Locale.ROOT, "noisy input              %.2f dB%n", cam.psnr(cam.noisy()));
		System.out.printf(Locale.ROOT, "oracle Gaussian          %.2f dB (sigma %.1f)%n", g[0], g[1]);
		final Path bundled = ModelLocator.resolve(SelfSupervisedTraining.RESTORMER_BASE);
		System.out.printf(Locale.ROOT, "bundled, percentile      %.2f dB%n", cam.psnr(restore(bundled, noisy, work,
			"percentile")));
		final List<String> args = new ArrayList<>(List.of("train", "--noisy", noisy.getParent().toString(), "-o", work
			.resolve("model").toString(), "--overwrite"));
		if (percentileBase) {
			final Path base = work.resolve("base-percentile");
			ModelExporter.deleteRecursively(base);
			copy(bundled, base);
			ModelDescriptions.write(ModelDescriptions.read(base).withNormalization(SelfSupervisedTraining
				.SCRATCH_NORMALIZATION), base);
			args.addAll(List.of("--fine-tune", base.toString()));
		}
		for (int i = percentileBase ? 2 : 1; i < a.length; i++)
			args.add(a[i]);
		final long t0 = System.nanoTime();
		if (Main.execute(args.toArray(String[]::new)) != 0) throw new IllegalStateException("train failed");
		final double seconds = (System.nanoTime() - t0) / 1e9;
		final ModelDescription d = ModelDescriptions.read(work.resolve("model"));
		final String n = d.normalization().method();
		System.out.printf(Locale.ROOT, "self-supervised (%s)  %.2f dB; train --noisy took %.0f s (%s)%n", n, cam.psnr(
			restore(work.resolve("model"), noisy, work, n)), seconds, String.join(" ", args));
	}

	private static float[] restore(final Path model, final Path noisy, final Path work, final String normalization) {
		final Path out = work.resolve("restored-" + model.getFileName() + ".tif");
		final List<String> args = new ArrayList<>(List.of("restore", "--model", model.toString(), "--overwrite"));
		if (normalization.equals(ModelDescription.Normalization.PERCENTILE)) args.addAll(List.of("--normalize",
			"percentile", "--percentiles", "1,99.8"));
		args.addAll(List.of(noisy.toString(), out.toString()));
		if (Main.execute(args.toArray(String[]::new)) != 0) throw new IllegalStateException("restore failed");
		return (float[]) IJ.openImage(out.toString()).getProcessor().convertToFloatProcessor().getPixels();
	}

	private static void copy(final Path from, final Path to) throws java.io.IOException {
		try (var s = Files.walk(from)) {
			for (final Path p : s.toList()) {
				final Path t = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) Files.createDirectories(t);
				else Files.copy(p, t);
			}
		}
	}
}
