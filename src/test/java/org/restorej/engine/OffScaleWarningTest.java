package org.restorej.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.junit.jupiter.api.Test;
import org.restorej.array.NhwcArray;
import org.restorej.engine.normalize.Normalization;
import org.restorej.model.ModelDescription;

/**
 * No silent garbage: a result whose network output lies far outside the normalised input's plausible range
 * is reported once per image, with the cause and the fix; sound restorations say nothing.
 */
class OffScaleWarningTest {

	/** Warnings heard, the rest of the log dropped. */
	private static final class Warnings implements EngineLog {
		final List<String> heard = new ArrayList<>();

		@Override
		public void info(final String message) {}

		@Override
		public void warning(final String message) {
			heard.add(message);
		}
	}

	private static Restorer network(final ModelDescription d, final DoubleUnaryOperator f) {
		return new Restorer(d, tiles -> {
			final NhwcArray o = NhwcArray.zeros(tiles.batch(), tiles.height(), tiles.width(), tiles.channels());
			for (int i = 0; i < o.data().length; i++)
				o.data()[i] = (float) f.applyAsDouble(tiles.data()[i]);
			return o;
		});
	}

	/**
	 * A camera's 16-bit stack (offset 100 ADU, up to ~40 photons of 100 ADU), {@code planes} planes of 64x48,
	 * with a few hot pixels far above the rest.
	 */
	private static Img<UnsignedShortType> camera(final int planes) {
		final short[] v = new short[64 * 48 * planes];
		for (int i = 0; i < v.length; i++) {
			final int x = i % 64, y = i / 64 % 48;
			v[i] = (short) (100 + 40 * (x + y) + (i * 7919) % 211);
		}
		for (int i = 0; i < v.length; i += 997)
			v[i] = (short) 60000;
		return ArrayImgs.unsignedShorts(v, 64, 48, planes);
	}

	private static List<String> warnings(final Restorer r, final Normalization n) {
		final Warnings w = new Warnings();
		r.restoreAsFloat(camera(3), Axes.of("XYZ"), RestoreOptions.defaults().withNormalization(n).withLog(w).named(
			"camera.tif"));
		return w.heard;
	}

	private static ModelDescription expectingPercentiles() {
		return AnalyticModels.description(1, 1).withNormalization(ModelDescription.Normalization.percentile(1.0, 99.8,
			ModelDescription.Normalization.IMAGE, false));
	}

	@Test
	void anOffScaleResultIsReportedOncePerImageWithCauseAndFix() {
		// weights that answer a dim input with values a thousand times too large, as mismatched ones can
		final List<String> w = warnings(network(expectingPercentiles(), v -> 1000 * v), Normalization.typeRange());
		assertEquals(1, w.size(), "once for the three planes: " + w);
		final String m = w.get(0);
		assertTrue(m.contains("camera.tif") && m.contains("off scale"), m);
		// the hot pixels, 60000 / 65535 * 1000
		assertTrue(m.contains("the output spans [") && m.contains(", 915.5]"), "the observed range: " + m);
		assertTrue(m.contains("normalisation these weights were not trained with") && m.contains("the pixel type's " +
			"range"), "the likely cause: " + m);
		assertTrue(m.contains("normalize=auto") && m.contains("percentile 1..99.8"), "the fix: " + m);
	}

	@Test
	void withTheDeclaredNormalisationTheFixOffersPercentiles() {
		final List<String> w = warnings(network(AnalyticModels.description(1, 1), v -> -50 + v), Normalization
			.declared());
		assertEquals(1, w.size(), w.toString());
		assertTrue(w.get(0).contains("as the model declares") && w.get(0).contains("normalize=percentile"), w.get(0));
	}

	@Test
	void notANumberIsOffScale() {
		assertEquals(1, warnings(network(AnalyticModels.description(1, 1), v -> Double.NaN), Normalization.declared())
			.size());
	}

	@Test
	void soundRestorationsSayNothing() {
		// a denoiser's output stays within its input's range; hot pixels lift the percentile-normalised input
		// far above 1, and the output follows them
		final DoubleUnaryOperator smoothing = v -> 0.9 * v + 0.05;
		assertEquals(List.of(), warnings(network(expectingPercentiles(), smoothing), Normalization.declared()));
		assertEquals(List.of(), warnings(network(expectingPercentiles(), smoothing), Normalization.typeRange()));
		assertEquals(List.of(), warnings(network(expectingPercentiles(), smoothing), Normalization.none()));
		// dehazing-like: a hazy [0.5, 0.9] input stretched to [0, 1]
		assertEquals(List.of(), warnings(network(AnalyticModels.description(1, 1), v -> Math.max(0, Math.min(1, (v
			- 0.5) / 0.4))), Normalization.percentile(1, 99.8)));
		// saturating at the range's edges
		assertEquals(List.of(), warnings(network(AnalyticModels.description(1, 1), v -> v > 0.5 ? 1 : 0),
			Normalization.percentile(1, 99.8)));
	}
}
