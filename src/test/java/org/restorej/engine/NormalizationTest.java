package org.restorej.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import net.imglib2.RandomAccess;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

import org.junit.jupiter.api.Test;
import org.restorej.engine.normalize.Normalization;

/** What the network sees and what comes back, for each normalisation. */
class NormalizationTest {

	private static RestoreOptions quiet() {
		return RestoreOptions.defaults().withLog(m -> {});
	}

	/** A network that returns a constant shows the value the inverse maps it to. */
	private static float restoredConstant(final Img<?> in, final Axes axes, final Normalization n, final double c) {
		@SuppressWarnings({ "unchecked", "rawtypes" })
		final Img<FloatType> out = AnalyticModels.pointwise(1, 1, v -> c).restoreAsFloat((Img) in, axes, quiet()
			.withNormalization(n));
		return out.firstElement().get();
	}

	@Test
	void typeRangeDividesEightBitBy255AndSixteenBitBy65535() {
		final ArrayImg<UnsignedByteType, ?> u8 = ArrayImgs.unsignedBytes(new byte[] { 0, 51, (byte) 255, 7 }, 2, 2);
		final ArrayImg<UnsignedShortType, ?> u16 = ArrayImgs.unsignedShorts(new short[] { 0, 13107, -1, 9 }, 2, 2);
		final double[] seen = new double[2];
		final Restorer spy = AnalyticModels.pointwise(1, 1, v -> {
			seen[0] = Math.max(seen[0], v);
			return v;
		});
		final Img<FloatType> r8 = spy.restoreAsFloat(u8, Axes.xy(), quiet());
		assertEquals(1.0, seen[0], 1e-7, "255 reaches the network as 1");
		assertEquals(List.of(0.0, 51.0, 255.0, 7.0), rounded(r8), "and comes back as 255");
		seen[0] = 0;
		final Img<FloatType> r16 = spy.restoreAsFloat(u16, Axes.xy(), quiet());
		assertEquals(1.0, seen[0], 1e-7);
		assertEquals(List.of(0.0, 13107.0, 65535.0, 9.0), rounded(r16));
		// the network sees 51/255 = 0.2: a network adding 0.1 adds 25.5 in 8-bit units
		assertEquals(51 + 25.5, AnalyticModels.pointwise(1, 1, v -> v + 0.1).restoreAsFloat(u8, Axes.xy(), quiet())
			.getAt(1, 0).get(), 1e-4);
	}

	@Test
	void fixedRangeMapsLowAndHighToTheModelRange() {
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(new float[] { 100, 300 }, 2, 1);
		// the network's 0 and 1 are raw 100 and 500
		assertEquals(100, restoredConstant(img, Axes.xy(), Normalization.fixed(100, 500), 0), 1e-4);
		assertEquals(500, restoredConstant(img, Axes.xy(), Normalization.fixed(100, 500), 1), 1e-4);
		final double[] seen = { 0 };
		AnalyticModels.pointwise(1, 1, v -> seen[0] = v).restoreAsFloat(ArrayImgs.floats(new float[] { 300 }, 1, 1),
			Axes.xy(), quiet().withNormalization(Normalization.fixed(100, 500)));
		assertEquals(0.5, seen[0], 1e-7);
	}

	@Test
	void noneLeavesValuesAlone() {
		final ArrayImg<UnsignedShortType, ?> u16 = ArrayImgs.unsignedShorts(new short[] { 1000 }, 1, 1);
		final double[] seen = { 0 };
		AnalyticModels.pointwise(1, 1, v -> seen[0] = v).restoreAsFloat(u16, Axes.xy(), quiet().withNormalization(
			Normalization.none()));
		assertEquals(1000, seen[0]);
	}

	@Test
	void percentilesOfTheWholeImageMapToZeroAndOne() {
		// values 0..99: percentiles 1 and 99 are 0.99 and 98.01
		final float[] v = new float[100];
		for (int i = 0; i < v.length; i++)
			v[i] = i;
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(v, 10, 10);
		final Normalization p = Normalization.percentile(1, 99);
		assertEquals(0.99, restoredConstant(img, Axes.xy(), p, 0), 1e-4);
		assertEquals(98.01, restoredConstant(img, Axes.xy(), p, 1), 1e-4);
		// an identity network gives the input back: the inverse undoes the normalisation
		assertEquals(AnalyticModels.values(img), rounded(AnalyticModels.pointwise(1, 1, x -> x).restoreAsFloat(img, Axes
			.xy(), quiet().withNormalization(p))));
	}

	@Test
	void perPlanePercentilesScaleEachPlaneByItself() {
		// plane z holds (z + 1) * [0, 10, 20, ..., 90]
		final ArrayImg<FloatType, FloatArray> stack = ArrayImgs.floats(10, 1, 3);
		final RandomAccess<FloatType> ra = stack.randomAccess();
		for (int z = 0; z < 3; z++)
			for (int x = 0; x < 10; x++)
				ra.setPositionAndGet(x, 0, z).set((z + 1) * 10f * x);
		final Normalization perPlane = new Normalization.Percentile(0, 100, Normalization.Scope.PLANE, false);
		final Img<FloatType> out = AnalyticModels.pointwise(1, 1, v -> 1).restoreAsFloat(stack, Axes.of("XYZ"), quiet()
			.withNormalization(perPlane));
		for (int z = 0; z < 3; z++)
			assertEquals((z + 1) * 90f, out.getAt(0, 0, z).get(), 1e-3, "plane " + z + " maps 1 to its own maximum");
		final Img<FloatType> whole = AnalyticModels.pointwise(1, 1, v -> 1).restoreAsFloat(stack, Axes.of("XYZ"),
			quiet().withNormalization(Normalization.percentile(0, 100)));
		assertEquals(270f, whole.getAt(0, 0, 0).get(), 1e-3, "per image: the stack's maximum");
	}

	@Test
	void perChannelPercentilesScaleEachChannelByItself() {
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(new float[] { 0, 10, 0, 1000 }, 2, 1, 2);
		final Normalization perChannel = new Normalization.Percentile(0, 100, Normalization.Scope.IMAGE, true);
		final Img<FloatType> out = AnalyticModels.pointwise(1, 1, v -> 1).restoreAsFloat(img, Axes.of("XYC"), quiet()
			.withNormalization(perChannel));
		assertEquals(10, out.getAt(0, 0, 0).get(), 1e-4);
		assertEquals(1000, out.getAt(0, 0, 1).get(), 1e-4);
	}

	@Test
	void networkOutputBeyondTheRangeIsKeptUnlessClippingIsAsked() {
		final ArrayImg<UnsignedByteType, ?> u8 = ArrayImgs.unsignedBytes(new byte[] { (byte) 200 }, 1, 1);
		final Restorer overshoot = AnalyticModels.pointwise(1, 1, v -> 1.5 * v);
		// 200/255 * 1.5 = 1.176... -> 300 in 8-bit units, as a float
		assertEquals(300, overshoot.restoreAsFloat(u8, Axes.xy(), quiet()).firstElement().get(), 1e-3);
		assertEquals(255, overshoot.restoreAsFloat(u8, Axes.xy(), quiet().withClip(true)).firstElement().get(), 1e-3);
		// an 8-bit output saturates: the caller chose the type
		assertEquals(255, overshoot.restoreAsInputType(u8, Axes.xy(), quiet()).firstElement().get());
	}

	@Test
	void standardizeGivesTheNetworkMeanZeroAndUnitDeviationAndMapsBack() {
		// values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population standard deviation 2
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(new float[] { 2, 4, 4, 4, 5, 5, 7, 9 }, 4, 2);
		final Normalization standardize = new Normalization.Standardize(Normalization.Scope.IMAGE, false);
		final double[] seen = { Double.MAX_VALUE, -Double.MAX_VALUE };
		AnalyticModels.pointwise(1, 1, v -> {
			seen[0] = Math.min(seen[0], v);
			seen[1] = Math.max(seen[1], v);
			return v;
		}).restoreAsFloat(img, Axes.xy(), quiet().withNormalization(standardize));
		assertEquals(-1.5, seen[0], 1e-6, "(2 - 5) / 2");
		assertEquals(2, seen[1], 1e-6, "(9 - 5) / 2");
		// the network's 1 is one deviation above the mean
		assertEquals(7, restoredConstant(img, Axes.xy(), standardize, 1), 1e-4);
	}

	@Test
	void standardizePerPlaneUsesEachPlanesOwnStatistics() {
		final ArrayImg<FloatType, FloatArray> stack = ArrayImgs.floats(new float[] { 0, 2, 100, 300 }, 2, 1, 2);
		final Img<FloatType> out = AnalyticModels.pointwise(1, 1, v -> 1).restoreAsFloat(stack, Axes.of("XYZ"),
			quiet().withNormalization(new Normalization.Standardize(Normalization.Scope.PLANE, false)));
		assertEquals(1 + 1, out.getAt(0, 0, 0).get(), 1e-4, "mean 1, deviation 1");
		assertEquals(200 + 100, out.getAt(0, 0, 1).get(), 1e-3, "mean 200, deviation 100");
	}

	private static List<Double> rounded(final Img<FloatType> img) {
		return AnalyticModels.values(img).stream().map(v -> (double) Math.round(v * 1000) / 1000).toList();
	}

	@Test
	void statisticsAreLoggedWithSevenSignificantDigits() {
		assertEquals("3610.714", Normalizer.value(3610.714000000007));
		assertEquals("169", Normalizer.value(169.0));
		assertEquals("199.2538", Normalizer.value(199.25383728027344));
		assertEquals("0.0001234568", Normalizer.value(1.2345678e-4));
		assertEquals("NaN", Normalizer.value(Double.NaN));
	}
}
