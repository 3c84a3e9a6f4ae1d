package org.restorej.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.restorej.array.NhwcArray;
import org.restorej.data.Acquisition;
import org.restorej.data.HeldOutAcquisitions;
import org.restorej.data.TiffImages;
import org.restorej.engine.normalize.Normalization;
import org.restorej.metrics.Psnr;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;

/**
 * The bundled blind models with their default options on generated held-out acquisitions (scene families
 * and cameras training never saw), against thresholds a little below what they measured when bundled (see
 * each MODEL_CARD.md): they must beat the noisy input, and the oracle Gaussian (sigma tuned per image on the
 * clean image) by the margin they measured less a little (a negative margin where they measured below it). A
 * regression in the graphs, the export, the normalisation or the runtime fails here.
 */
class BundledModelsTest {

	private static final Path MODELS = Paths.get("models");

	@ParameterizedTest(name = "{0} at {1} photons")
	@CsvSource({
		// model, photons at the brightest pixel, min mean PSNR (dB), min mean gain over the oracle Gaussian (dB);
		// measured (MODEL_CARD.md): 18.37 dB (+6.65), 29.53 (+3.16), 38.01 (+3.15), 40.70 (+1.19)
		"restormer-fluorescence-denoising, 3, 18.1, 6.3",
		"restormer-fluorescence-denoising, 30, 29.2, 2.8",
		"restormer-fluorescence-denoising, 300, 37.7, 2.8",
		"restormer-fluorescence-denoising, 1000, 40.4, 0.9",
		// measured: 14.57 dB (+7.11), 17.56 (+5.84), 21.61 (+4.21), 32.37 (+2.94), 37.53 (+2.67), 40.07 (+0.56)
		"ast-fluorescence-restoration, 1, 14.3, 6.8",
		"ast-fluorescence-restoration, 3, 17.3, 5.5",
		"ast-fluorescence-restoration, 10, 21.3, 3.9",
		"ast-fluorescence-restoration, 100, 32.1, 2.6",
		"ast-fluorescence-restoration, 300, 37.2, 2.3",
		"ast-fluorescence-restoration, 1000, 39.8, 0.3",
	})
	void bundledModelOnHeldOutAcquisitionsBeatsTheNoisyInputAndTheOracleGaussianWhereItMeasuredSo(
		final String model, final double photons, final double minPsnr, final double minGain)
	{
		final List<Acquisition> images = HeldOutAcquisitions.at(photons);
		double psnr = 0, gaussian = 0, noisy = 0;
		try (LoadedModel m = LoadedModel.load(MODELS.resolve(model), ExecutionOptions.cpu())) {
			assertEquals(Normalization.percentile(BlindPatches.LOW_PERCENTILE, BlindPatches.HIGH_PERCENTILE),
				Normalization.declaredBy(m.description()), "declares the normalisation it was trained with");
			for (final Acquisition a : images) {
				final double range = HeldOutEvaluation.dataRange(a.clean());
				final NhwcArray restored = HeldOutEvaluation.restoreWithDefaults(m, a.noisy(), a.camera().maxValue());
				psnr += Psnr.of(a.clean().data(), restored.data(), range) / images.size();
				gaussian += Psnr.of(a.clean().data(), HeldOutEvaluation.oracleGaussian(a).data(), range) / images.size();
				noisy += Psnr.of(a.clean().data(), a.noisy().data(), range) / images.size();
			}
		}
		assertTrue(psnr >= minPsnr, model + " PSNR " + psnr + " < " + minPsnr);
		assertTrue(psnr >= gaussian + minGain, model + " PSNR " + psnr + " vs oracle Gaussian " + gaussian);
		assertTrue(psnr > noisy, model + " PSNR " + psnr + " vs noisy " + noisy);
	}

	@Test
	void demoRestoresTheBundledSampleAndWritesTheComparison(@TempDir final Path out) throws Exception {
		final DemoRestoration.Result r = DemoRestoration.runBundled(out);
		assertTrue(r.after().psnr() > r.before().psnr() + 10, r.toString());
		assertTrue(r.after().ssim() > 0.9, r.toString());
		final BufferedImage png = ImageIO.read(r.sideBySide().toFile());
		final NhwcArray restored = TiffImages.read(r.restored()).image();
		assertEquals(3 * restored.width() + 16, png.getWidth(), "noisy | restored | clean with two gaps");
		assertEquals(16, TiffImages.read(r.restored()).bitDepth());
	}
}
