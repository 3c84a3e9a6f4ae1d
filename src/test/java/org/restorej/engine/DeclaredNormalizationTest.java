package org.restorej.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;
import org.restorej.array.NhwcArray;
import org.restorej.engine.normalize.Normalization;
import org.restorej.model.ModelDescription;

/** {@code normalize=auto}: the engine's default applies what the model declares; an explicit choice overrides it. */
class DeclaredNormalizationTest {

	private static final RestoreOptions QUIET = RestoreOptions.defaults().withLog(m -> {});

	/** A pointwise network with the given description; not linear, so that any other mapping shows. */
	private static Restorer squaring(final ModelDescription d, final List<Float> seen) {
		return new Restorer(d, tiles -> {
			final NhwcArray o = NhwcArray.zeros(tiles.batch(), tiles.height(), tiles.width(), tiles.channels());
			for (int i = 0; i < o.data().length; i++) {
				final float v = tiles.data()[i];
				if (seen != null) seen.add(v);
				o.data()[i] = v * v;
			}
			return o;
		});
	}

	/** A 16-bit XYCZ image, 2 channels and 3 planes of different brightness. */
	private static Img<UnsignedShortType> stack() {
		final short[] v = new short[40 * 24 * 2 * 3];
		for (int i = 0; i < v.length; i++) {
			final int plane = i / (40 * 24 * 2), channel = i / (40 * 24) % 2;
			v[i] = (short) (100 + 300 * plane + 1000 * channel + (i * 7919) % 97 + i % 40);
		}
		return ArrayImgs.unsignedShorts(v, 40, 24, 2, 3);
	}

	private static float[] restore(final Restorer r, final RestoreOptions o) {
		final Img<FloatType> out = r.restoreAsFloat(stack(), Axes.of("XYCZ"), o);
		final float[] v = new float[(int) out.size()];
		int i = 0;
		for (final FloatType t : out)
			v[i++] = t.get();
		return v;
	}

	@Test
	void theDefaultAppliesADeclaredPercentilePerPlaneAndChannel() {
		final ModelDescription d = AnalyticModels.description(2, 2).withNormalization(ModelDescription.Normalization
			.percentile(2.0, 98.0, ModelDescription.Normalization.PLANE, true));
		final Restorer r = squaring(d, null);
		final float[] auto = restore(r, QUIET);
		assertArrayEquals(restore(r, QUIET.withNormalization(new Normalization.Percentile(2, 98, Normalization.Scope.PLANE,
			true))), auto, "what the model declares");
		assertFalse(Arrays.equals(restore(r, QUIET.withNormalization(Normalization.percentile(2, 98))), auto),
			"planes and channels have their own percentiles");
		assertFalse(Arrays.equals(restore(r, QUIET.withNormalization(Normalization.typeRange())), auto));
	}

	@Test
	void aModelThatDeclaresNothingKeepsThePixelTypesRange() {
		final Restorer r = squaring(AnalyticModels.description(2, 2), null);
		assertEquals(ModelDescription.Normalization.typeRange(), r.model().normalization());
		assertArrayEquals(restore(r, QUIET.withNormalization(Normalization.typeRange())), restore(r, QUIET));
	}

	@Test
	void anExplicitNormalisationOverridesTheDeclaration() {
		final List<Float> seen = new ArrayList<>();
		final Restorer r = squaring(AnalyticModels.description(2, 2).withNormalization(ModelDescription.Normalization
			.percentile(2.0, 98.0, ModelDescription.Normalization.IMAGE, false)), seen);
		restore(r, QUIET.withNormalization(Normalization.fixed(0, 10000)));
		final double max = seen.stream().mapToDouble(Float::doubleValue).max().orElseThrow();
		int brightest = 0;
		for (final UnsignedShortType t : stack())
			brightest = Math.max(brightest, t.get());
		// the brightest pixel's share of 0..10000 (about 0.18), not the percentiles' ~1
		assertEquals(brightest / 10000.0, max, 1e-6);
	}

	@Test
	void theLogSaysWhichNormalisationTheModelDeclared() {
		final List<String> log = new ArrayList<>();
		final Restorer r = squaring(AnalyticModels.description(2, 2).withNormalization(ModelDescription.Normalization
			.percentile(1.0, 99.8, ModelDescription.Normalization.PLANE, false)), null);
		restore(r, QUIET.withLog(log::add).named("cells.tif"));
		assertEquals(1, log.stream().filter(m -> m.contains("Normalisation of cells.tif: percentile 1..99.8 per plane")
			&& m.contains("normalize=auto")).count(), log.toString());
	}
}
