package org.restorej.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.restorej.RestoreJException;
import org.restorej.data.TiffImages;
import org.restorej.engine.normalize.Normalization;
import org.restorej.metrics.ImageQuality;
import org.restorej.model.ModelLocator;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;
import org.restorej.runtime.NhwcArray;

/**
 * The first thing a user runs: restore the bundled noisy sample with a bundled model, write the result as a
 * 16-bit TIFF and a side-by-side PNG (noisy | restored | clean), and measure PSNR/SSIM before and after
 * (data range 1, i.e. 65535 in 16-bit units).
 */
public final class DemoRestoration {

	/** The bundled model the demo uses by default, and the bundled sample pair. */
	public static final String DEFAULT_MODEL = "restormer-fluorescence-denoising";
	public static final String SAMPLE_DEGRADED = "samples/fluorescence-denoising-noisy.tif";
	public static final String SAMPLE_CLEAN = "samples/fluorescence-denoising-clean.tif";

	public record Result(String model, Path restored, Path sideBySide, ImageQuality before, ImageQuality after,
		double seconds)
	{
		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%s: before %s; after %s (%.1f s)%nwrote %s and %s", model, before,
				after, seconds, restored, sideBySide);
		}
	}

	private DemoRestoration() {}

	/** The bundled sample with the bundled default model; outputs go to {@code outDir}. */
	public static Result runBundled(final Path outDir) throws IOException {
		final Path model = ModelLocator.resolve(DEFAULT_MODEL);
		final Path models = model.getParent();
		return run(model, models.resolve(SAMPLE_DEGRADED), models.resolve(SAMPLE_CLEAN), outDir);
	}

	/**
	 * Restores {@code degradedTiff} with the model folder, compares with {@code cleanTiff}, and writes {@code
	 * <name>-restored.tif} and {@code <name>-side-by-side.png} into {@code outDir}.
	 */
	public static Result run(final Path modelDir, final Path degradedTiff, final Path cleanTiff, final Path outDir)
		throws IOException
	{
		final TiffImages.Loaded degraded = TiffImages.read(degradedTiff);
		final TiffImages.Loaded clean = TiffImages.read(cleanTiff);
		Files.createDirectories(outDir);
		final long t0 = System.nanoTime();
		final NhwcArray restored;
		final String name;
		try (LoadedModel m = LoadedModel.load(modelDir, ExecutionOptions.cpu())) {
			final Normalization declared = Normalization.declaredBy(m.description());
			final double modelScale = m.description().valueRange().scale();
			if (declared instanceof Normalization.TypeRange && Math.abs(modelScale - degraded.scale()) > 1e-9)
				throw new RestoreJException("Model " + modelDir + " expects data divided by " + modelScale + " but " +
					degradedTiff + " is " + degraded.bitDepth() + "-bit: give a " + (modelScale == 65535 ? 16 : 8) +
					"-bit image.");
			restored = TestSetEvaluation.clip(HeldOutEvaluation.restoreScaled(m, degraded.image()));
			name = m.description().name();
		}
		final double seconds = (System.nanoTime() - t0) / 1e9;
		final String base = degradedTiff.getFileName().toString().replaceFirst("(?i)\\.tiff?$", "");
		final Path restoredTiff = outDir.resolve(base + "-restored.tif");
		final Path png = outDir.resolve(base + "-side-by-side.png");
		TiffImages.write16Bit(restored, restoredTiff);
		final ImageQuality before = ImageQuality.measure(clean.image(), degraded.image(), 1.0);
		final ImageQuality after = ImageQuality.measure(clean.image(), restored, 1.0);
		SideBySide.write(List.of(degraded.image(), restored, clean.image()), List.of(String.format(Locale.ROOT,
			"noisy  %.2f dB", before.psnr()), String.format(Locale.ROOT, "restored (%s)  %.2f dB", name, after.psnr()),
			"clean"), png);
		return new Result(name, restoredTiff, png, before, after, seconds);
	}
}
