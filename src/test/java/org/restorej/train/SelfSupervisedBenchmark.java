package org.restorej.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.restorej.array.NhwcArray;
import org.restorej.data.ImagePair;
import org.restorej.engine.OfficialSizeHandling;
import org.restorej.engine.normalize.Affine;
import org.restorej.engine.normalize.ArrayNormalization;
import org.restorej.engine.normalize.Normalization;
import org.restorej.model.ModelDescription;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;

/**
 * The self-supervised scheme on one generated camera image:
 * {@code SelfSupervisedBenchmark n2n STEPS PATCHES LR BASE_MODEL|scratch [PHOTONS [scene]]}
 * (tissue-like content, or with {@code scene} the project's fluorescence scenes).
 */
public final class SelfSupervisedBenchmark {

	public static void main(final String... a) throws Exception {
		final String scheme = a[0];
		final long steps = Long.parseLong(a[1]);
		final String patches = a[2];
		final double lr = Double.parseDouble(a[3]);
		final String base = a[4];
		final double photons = a.length > 5 ? Double.parseDouble(a[5]) : 20;
		final CameraImages.Camera cam = a.length > 6 && a[6].equals("scene") ? CameraImages.of(512, 512, photons,
			20261202L) : CameraImages.tissue(512, 512, photons, 20261202L);
		System.out.printf(Locale.ROOT, "noisy %.2f dB; oracle Gaussian %.2f dB (sigma %.1f)%n", cam.psnr(cam.noisy()),
			cam.oracleGaussian()[0], cam.oracleGaussian()[1]);
		final ModelDescription.Normalization decl = ModelDescription.Normalization.percentile(1, 99.8,
			ModelDescription.Normalization.IMAGE, false);
		final NhwcArray raw = new NhwcArray(1, 512, 512, 1, cam.noisy());
		final Affine[] map = ArrayNormalization.forward(Normalization.declaredBy(decl), raw, 65535, null);
		final NhwcArray norm = ArrayNormalization.apply(map, raw);
		final NoisyImages images = new NoisyImages(List.of(norm), 1, 65535);
		// Noise2Void's masking (BlindSpotPatches, with a loss over the masked pixels only) was measured at commit
		// cb6e7c4 and dropped for Neighbor2Neighbor: docs/training.md gives the figures
		final PatchSource source = new NeighborSubsampledPatches(images);
		final FineTuneSource start = base.equals("scratch") ? null : FineTuneSource.open(Path.of(base));
		if (start != null) System.out.printf(Locale.ROOT, "base model, percentile: %.2f dB%n", cam.psnr(restore(Path.of(
			base), norm, map)));
		final var network = start != null ? start.network() : NetworkPresets.of("restormer", "compact", 1);
		final Trainer.Settings s = new Trainer.Settings(network, Loss.L2, AdamW.of("restormer"),
			new LearningRateSchedule(lr, lr / 100, Math.min(100, steps / 10), steps), PatchSchedule.parse(patches, steps),
			1, (int) Math.max(1, steps / 10), 0, 0, ExecutionOptions.cpu(), steps >= 200);
		final List<ImagePair> validation = List.of();
		final Trainer.Outcome o = new Trainer(s, source, validation, p -> System.out.println(p), System.out::println)
			.run(start == null ? Trainer.Start.fromScratch(1) : Trainer.Start.fineTune(start.weights(), start.name()), null,
				List.of());
		final Path dir = Files.createTempDirectory("ssb");
		TrainedModelExport.write(network, o.weights(), "ssb", "denoising", 65535, "", TrainedModelExport.TRAINED_LICENSE,
			"bench", dir.resolve("m"), false);
		System.out.printf(Locale.ROOT, "%s %d steps %s lr %g from %s: %.2f dB, %.0f s%n", scheme, steps, patches, lr,
			base, cam.psnr(restore(dir.resolve("m"), norm, map)), o.seconds());
	}

	static float[] restore(final Path model, final NhwcArray normalised, final Affine[] map) {
		try (LoadedModel m = LoadedModel.load(model, ExecutionOptions.cpu())) {
			final NhwcArray out = OfficialSizeHandling.predict(m, normalised);
			return ArrayNormalization.apply(new Affine[] { map[0].inverse() }, out).data();
		}
	}
}
