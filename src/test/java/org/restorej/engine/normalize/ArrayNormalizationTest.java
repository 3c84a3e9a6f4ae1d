package org.restorej.engine.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.restorej.array.NhwcArray;
import org.restorej.model.ModelDescription;

/** Training and evaluation map in-memory planes as the engine maps the planes it restores. */
class ArrayNormalizationTest {

	private static final ModelDescription.ValueRange UNIT = new ModelDescription.ValueRange(0, 1, 65535, "");

	/** Two channels: 0..99 and 1000..1099 in steps of 1. */
	private static NhwcArray ramps() {
		final NhwcArray a = NhwcArray.zeros(1, 10, 10, 2);
		for (int i = 0; i < 100; i++) {
			a.data()[2 * i] = i;
			a.data()[2 * i + 1] = 1000 + i;
		}
		return a;
	}

	@Test
	void perChannelPercentilesMapEachChannelsOwnRangeToTheModelsRange() {
		final Affine[] maps = ArrayNormalization.forward(new Normalization.Percentile(0, 100, Normalization.Scope.IMAGE,
			true), ramps(), 65535, UNIT);
		assertEquals(0, maps[0].apply(0), 1e-9);
		assertEquals(1, maps[0].apply(99), 1e-9);
		assertEquals(0, maps[1].apply(1000), 1e-9);
		assertEquals(1, maps[1].apply(1099), 1e-9);
	}

	@Test
	void sharedPercentilesSpanAllChannels() {
		final NhwcArray mapped = ArrayNormalization.apply(ArrayNormalization.forward(Normalization.percentile(0, 100),
			ramps(), 65535, UNIT), ramps());
		assertEquals(0, mapped.data()[0], 1e-6);
		assertEquals(1, mapped.data()[199], 1e-6);
		assertEquals(99 / 1099.0, mapped.data()[198], 1e-6);
	}

	@Test
	void theTypeRangeDividesBySixteenBitsMaximumAndLeavesFloatAlone() {
		assertEquals(1, ArrayNormalization.forward(Normalization.typeRange(), ramps(), 65535, UNIT)[0].apply(65535),
			1e-12);
		assertEquals(Affine.IDENTITY, ArrayNormalization.forward(Normalization.typeRange(), ramps(), 0, UNIT)[1]);
	}

	@Test
	void standardizeMapsEachChannelToMeanZeroAndUnitDeviationAsTheEngineDoes() {
		final Affine[] maps = ArrayNormalization.forward(new Normalization.Standardize(Normalization.Scope.IMAGE, true),
			ramps(), 65535, UNIT);
		// 0..99: mean 49.5, population deviation sqrt((100^2 - 1) / 12)
		final double std = Math.sqrt((100.0 * 100 - 1) / 12);
		assertEquals(0, maps[0].apply(49.5), 1e-9);
		assertEquals(1, maps[0].apply(49.5 + std), 1e-9);
		assertEquals(0, maps[1].apply(1049.5), 1e-9);
	}

	@Test
	void meanAndDeviationKeepTheirPrecisionFarFromZero() {
		// a large offset ruins a naive sum of squares in float; the chunked update keeps it
		final NhwcArray a = NhwcArray.zeros(1, 1000, 1000, 1);
		for (int i = 0; i < a.data().length; i++)
			a.data()[i] = 60000 + i % 2;
		final double[] v = MeanDeviation.of(new SampleScan<>(java.util.List.of(net.imglib2.img.array.ArrayImgs.floats(a
			.data(), 1000, 1000)), 2, () -> {}));
		assertEquals(60000.5, v[0], 1e-9);
		assertEquals(0.5, v[1], 1e-9);
	}
}
