package org.restorej.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.restorej.io.Npy;
import org.restorej.io.NpyArray;
import org.restorej.model.ModelDescriptions;

/**
 * PSNR and SSIM agree with scikit-image 0.19.3 ({@code peak_signal_noise_ratio}, {@code
 * structural_similarity} with its defaults and with the papers' Gaussian window) on a grey, a 16-bit-range
 * and an RGB pair. Expected values: {@code src/test/resources/metrics/make_fixtures.py}.
 */
class ScikitImageAgreementTest {

	private static final Path DIR = Paths.get("src/test/resources/metrics");

	@ParameterizedTest
	@ValueSource(strings = { "gray", "uint16", "rgb" })
	void psnrAndSsimMatchScikitImage(final String name) throws Exception {
		final NpyArray ref = Npy.read(DIR.resolve(name + "_reference.npy"));
		final NpyArray test = Npy.read(DIR.resolve(name + "_test.npy"));
		@SuppressWarnings("unchecked")
		final Map<String, Double> expected = (Map<String, Double>) ModelDescriptions.parseObject(Files.readString(DIR
			.resolve("expected.json"))).get(name);
		final int h = ref.dim(0), w = ref.dim(1), c = ref.rank() == 3 ? ref.dim(2) : 1;
		final double range = expected.get("dataRange");

		assertEquals(expected.get("psnr"), Psnr.of(ref.floats(), test.floats(), range), 1e-3);
		assertEquals(expected.get("ssimDefault"), Ssim.of(ref.floats(), test.floats(), h, w, c, range,
			Ssim.SKIMAGE_DEFAULT), 1e-4);
		assertEquals(expected.get("ssimGaussian"), Ssim.of(ref.floats(), test.floats(), h, w, c, range), 1e-4);
	}
}
