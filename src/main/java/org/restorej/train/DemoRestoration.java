package org.restorej.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.restorej.RestoreJException;
import org.restorej.array.NhwcArray;
import org.restorej.bioimageio.PackageModels;
import org.restorej.data.TiffImages;
import org.restorej.engine.EngineLog;
import org.restorej.engine.device.ModelLoader;
import org.restorej.engine.device.PlacedModel;
import org.restorej.engine.normalize.Affine;
import org.restorej.engine.normalize.ArrayNormalization;
import org.restorej.engine.normalize.Normalization;
import org.restorej.metrics.ImageQuality;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelLocator;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;

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
		return runBundled(outDir, ExecutionOptions.cpu(), message -> {});
	}

	/** The same on the device of {@code execution}; the loader's messages (the device that runs) go to {@code log}. */
	public static Result runBundled(final Path outDir, final ExecutionOptions execution, final EngineLog log)
		throws IOException
	{
		final Path model = ModelLocator.resolve(DEFAULT_MODEL);
		final Path models = model.getParent();
		return run(model, models.resolve(SAMPLE_DEGRADED), models.resolve(SAMPLE_CLEAN), outDir, execution, log);
	}

	/**
	 * Restores {@code degradedTiff} with the model folder, compares with {@code cleanTiff}, and writes {@code
	 * <name>-restored.tif} and {@code <name>-side-by-side.png} into {@code outDir}.
	 */
	public static Result run(final Path modelDir, final Path degradedTiff, final Path cleanTiff, final Path outDir)
		throws IOException
	{
		return run(modelDir, degradedTiff, cleanTiff, outDir, ExecutionOptions.cpu(), message -> {});
	}

	private static Result run(final Path modelDir, final Path degradedTiff, final Path cleanTiff, final Path outDir,
		final ExecutionOptions execution, final EngineLog log) throws IOException
	{
		final TiffImages.Loaded degraded = TiffImages.read(degradedTiff);
		final TiffImages.Loaded clean = TiffImages.read(cleanTiff);
		Files.createDirectories(outDir);
		final long t0 = System.nanoTime();
		final NhwcArray restored;
		final String name;
		try (PlacedModel placed = ModelLoader.load(PackageModels.folder(modelDir), execution, log)) {
			final LoadedModel m = placed.model();
			final ModelDescription d = m.description();
			final double modelScale = d.valueRange().scale();
			if (ModelDescription.Normalization.TYPE.equals(d.normalization().method()) && Math.abs(modelScale - degraded
				.scale()) > 1e-9) throw new RestoreJException("Model " + modelDir + " expects data divided by " +
					modelScale + " but " + degradedTiff + " is " + degraded.bitDepth() + "-bit: give a " + (modelScale ==
						65535 ? 16 : 8) + "-bit image.");
			restored = TestSetEvaluation.clip(declared(m, degraded));
			name = d.name();
		}
		final double seconds = (System.nanoTime() - t0) / 1e9;
		final String base = degradedTiff.getFileName().toString().replaceFirst("(?i)\\.tiff?$", "");
		final Path restoredTiff = outDir.resolve(base + "-restored.tif");
		final Path png = outDir.resolve(base + "-side-by-side.png");
		// the demo's own output folder: each run replaces its results
		TiffImages.write16Bit(restored, restoredTiff, true);
		final ImageQuality before = ImageQuality.measure(clean.image(), degraded.image(), 1.0);
		final ImageQuality after = ImageQuality.measure(clean.image(), restored, 1.0);
		SideBySide.write(List.of(degraded.image(), restored, clean.image()), List.of(String.format(Locale.ROOT,
			"noisy  %.2f dB", before.psnr()), String.format(Locale.ROOT, "restored (%s)  %.2f dB", name, after.psnr()),
			"clean"), png);
		return new Result(name, restoredTiff, png, before, after, seconds);
	}

	/**
	 * The network's result for {@code image} through the normalisation the model declares, as {@code restore}'s
	 * default {@code normalize=auto} applies it, in the image's [0, 1] units.
	 */
	private static NhwcArray declared(final LoadedModel m, final TiffImages.Loaded image) {
		final double scale = image.scale();
		final NhwcArray raw = times(image.image(), scale);
		final Affine[] forward = ArrayNormalization.forward(Normalization.declaredBy(m.description()), raw, image
			.bitDepth() == 32 ? 0 : scale, m.description().valueRange());
		final NhwcArray out = SimpleTiledPrediction.predict(m, ArrayNormalization.apply(forward, raw));
		// output channel k back in the units of input channel k, as the engine does
		final Affine[] back = new Affine[out.channels()];
		for (int k = 0; k < back.length; k++)
			back[k] = forward[Math.min(k, forward.length - 1)].inverse();
		return times(ArrayNormalization.apply(back, out), 1 / scale);
	}

	private static NhwcArray times(final NhwcArray a, final double f) {
		final float[] v = a.data().clone();
		for (int i = 0; i < v.length; i++)
			v[i] = (float) (v[i] * f);
		return new NhwcArray(a.batch(), a.height(), a.width(), a.channels(), v);
	}
}
