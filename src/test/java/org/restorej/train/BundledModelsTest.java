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
import org.restorej.data.RealAcquisitions;
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
		// measured (MODEL_CARD.md, sixth stage, the first with real images): 18.17 dB (+6.45), 29.22 (+2.85),
		// 37.96 (+3.10), 41.96 (+2.45)
		"restormer-fluorescence-denoising, 3, 17.9, 6.2",
		"restormer-fluorescence-denoising, 30, 29.0, 2.6",
		"restormer-fluorescence-denoising, 300, 37.7, 2.8",
		"restormer-fluorescence-denoising, 1000, 41.7, 2.2",
		// measured (tenth stage, the first with real images): 13.66 dB (+6.20), 17.39 (+5.67), 21.48 (+4.08),
		// 32.02 (+2.59), 37.55 (+2.69), 40.77 (+1.26)
		"ast-fluorescence-restoration, 1, 13.4, 5.9",
		"ast-fluorescence-restoration, 3, 17.1, 5.4",
		"ast-fluorescence-restoration, 10, 21.2, 3.8",
		"ast-fluorescence-restoration, 100, 31.8, 2.4",
		"ast-fluorescence-restoration, 300, 37.3, 2.4",
		"ast-fluorescence-restoration, 1000, 40.5, 1.0",
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

	/** Both bundled models and the classical anchors on the real held-out set, measured once for every case below. */
	private static RealEvaluation.Report real;

	private static synchronized RealEvaluation.Report real() {
		if (real == null) real = RealEvaluation.run(RealAcquisitions.acquire(MODELS.resolve(RealAcquisitions
			.BUNDLED_SCENES)), HeldOutEvaluation.BUNDLED.stream().map(MODELS::resolve).toList(), m -> {});
		return real;
	}

	@ParameterizedTest(name = "{0} on the real held-out images")
	@CsvSource({
		// model, min mean margin over the best oracle-tuned classical filter (dB), min margin at 1000 photons,
		// most images below the noisy input; measured (MODEL_CARD.md): Restormer +1.36 dB, -1.44 at 1000, 3 of 56
		// below the input; AST +0.47, -3.79, 5
		"restormer-fluorescence-denoising, 1.2, -1.7, 4",
		"ast-fluorescence-restoration, 0.3, -4.1, 6",
	})
	void bundledModelOnRealHeldOutImagesBeatsTheBestClassicalFilterByWhatItMeasured(final String model,
		final double minMeanMargin, final double minMarginAt1000, final int maxBelowNoisy)
	{
		final RealEvaluation.Report r = real();
		final double[] margins = r.margins(model);
		double mean = 0, at1000 = 0;
		int n1000 = 0, belowNoisy = 0;
		for (int i = 0; i < margins.length; i++) {
			final AcquisitionScores.Scored s = r.images().get(i);
			mean += margins[i] / margins.length;
			if (s.acquisition().camera().photons() == 1000) {
				at1000 += margins[i];
				n1000++;
			}
			if (s.results().get(model).psnr() < s.results().get(AcquisitionScores.NOISY).psnr()) belowNoisy++;
		}
		assertEquals(8, n1000, "every scene at 1000 photons");
		assertTrue(mean >= minMeanMargin, model + ": mean margin " + mean + " < " + minMeanMargin + "\n" + r);
		assertTrue(at1000 / n1000 >= minMarginAt1000, model + ": margin at 1000 photons " + at1000 / n1000 + "\n" + r);
		assertTrue(belowNoisy <= maxBelowNoisy, model + ": below the noisy input on " + belowNoisy + "\n" + r);
	}
}
