package org.restorej.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;
import org.restorej.array.NhwcArray;
import org.restorej.bench.Patterns;
import org.restorej.engine.normalize.Normalization;
import org.restorej.runtime.LoadedModel;

/**
 * Grey, multi-channel, Z and time axes, and 8-bit, 16-bit and float pixels: every plane and channel is
 * restored as the untiled pass restores it alone.
 */
class AxesAndTypesTest {

	private static final RestoreOptions OPTIONS = RestoreOptions.defaults().withNormalization(Normalization.none())
		.withTileSize(24).withHalo(12).withBlend(4).withLog(m -> {});

	/** A W x H x n float image whose slices along the last axis are different patterns. */
	private static ArrayImg<FloatType, FloatArray> slices(final int w, final int h, final int n) {
		return Patterns.floats(w, h, n, 99);
	}

	/** The untiled pass over one XY slice of a float image. */
	private static NhwcArray untiledSlice(final LoadedModel model, final RandomAccessibleInterval<FloatType> slice) {
		final ArrayImg<FloatType, FloatArray> copy = ArrayImgs.floats(slice.dimensionsAsLongArray());
		copyInto(slice, copy);
		return Untiled.run(model, copy);
	}

	private static <T extends RealType<T>> void copyInto(final RandomAccessibleInterval<T> from,
		final RandomAccessibleInterval<FloatType> to)
	{
		final var c = Views.flatIterable(from).cursor();
		final var d = Views.flatIterable(to).cursor();
		while (c.hasNext())
			d.next().setReal(c.next().getRealDouble());
	}

	private static double maxAbs(final RandomAccessibleInterval<? extends RealType<?>> plane, final NhwcArray ref,
		final int channel)
	{
		final RandomAccess<? extends RealType<?>> ra = plane.randomAccess();
		double max = 0;
		for (int y = 0; y < ref.height(); y++)
			for (int x = 0; x < ref.width(); x++)
				max = Math.max(max, Math.abs(ra.setPositionAndGet(x, y).getRealDouble() - ref.get(0, y, x, channel)));
		return max;
	}

	@Test
	void aOneChannelModelRestoresEachChannelOfAMultiChannelImage() {
		final LoadedModel model = TestModels.conv(TestModels.GREY);
		final ArrayImg<FloatType, FloatArray> img = slices(37, 29, 3);
		final Img<FloatType> out = Restorer.of(model).restoreAsFloat(img, Axes.of("XYC"), OPTIONS);
		assertArrayEquals(img.dimensionsAsLongArray(), out.dimensionsAsLongArray());
		for (int c = 0; c < 3; c++)
			assertTrue(maxAbs(Views.hyperSlice(out, 2, c), untiledSlice(model, Views.hyperSlice(img, 2, c)), 0) < 1e-5,
				"channel " + c);
	}

	@Test
	void zStacksAndTimeSeriesGoPlaneByPlane() {
		final LoadedModel model = TestModels.conv(TestModels.GREY);
		for (final String axes : new String[] { "XYZ", "XYT" }) {
			final ArrayImg<FloatType, FloatArray> img = slices(33, 40, 4);
			final Img<FloatType> out = Restorer.of(model).restoreAsFloat(img, Axes.of(axes), OPTIONS);
			for (int z = 0; z < 4; z++)
				assertTrue(maxAbs(Views.hyperSlice(out, 2, z), untiledSlice(model, Views.hyperSlice(img, 2, z)), 0) < 1e-5,
					axes + " plane " + z);
		}
	}

	@Test
	void hyperstacksInImageJOrderWithChannelsZAndTime() {
		final LoadedModel model = TestModels.conv(TestModels.GREY);
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(21, 18, 2, 3, 2);
		for (final var c = img.localizingCursor(); c.hasNext();) {
			c.fwd();
			c.get().set((float) Patterns.value(c.getLongPosition(0), c.getLongPosition(1), 7 * c.getLongPosition(2) + 3 * c
				.getLongPosition(3) + c.getLongPosition(4)));
		}
		final Img<FloatType> out = Restorer.of(model).restoreAsFloat(img, Axes.of("XYCZT"), OPTIONS);
		for (int c = 0; c < 2; c++)
			for (int z = 0; z < 3; z++)
				for (int t = 0; t < 2; t++) {
					final var in = Views.hyperSlice(Views.hyperSlice(Views.hyperSlice(img, 4, t), 3, z), 2, c);
					final var o = Views.hyperSlice(Views.hyperSlice(Views.hyperSlice(out, 4, t), 3, z), 2, c);
					assertTrue(maxAbs(o, untiledSlice(model, in), 0) < 1e-5, "c" + c + " z" + z + " t" + t);
				}
	}

	@Test
	void axesOfSizeOneAsFilesGiveThem() {
		// a TIFF reader sees every image as X, Y, C, Z, T, most of them of size 1
		final LoadedModel model = TestModels.conv(TestModels.GREY);
		final ArrayImg<FloatType, FloatArray> plane = slices(31, 23, 1);
		final NhwcArray ref = Untiled.run(model, plane);
		for (final long[] dims : new long[][] { { 31, 23, 1, 1, 1 }, { 31, 23, 1, 1, 2 }, { 31, 23, 1, 2, 1 } }) {
			final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(dims);
			for (final var c = img.localizingCursor(); c.hasNext();) {
				c.fwd();
				c.get().set(plane.getAt(c.getLongPosition(0), c.getLongPosition(1), 0).get());
			}
			final Img<FloatType> out = Restorer.of(model).restoreAsFloat(img, Axes.of("XYCZT"), OPTIONS);
			assertTrue(maxAbs(Views.hyperSlice(Views.hyperSlice(Views.hyperSlice(out, 4, dims[4] - 1), 3, dims[3] - 1), 2,
				0), ref, 0) < 1e-5, java.util.Arrays.toString(dims));
		}
	}

	@Test
	void axesInAnyOrderAndImagesWithAnOffset() {
		final LoadedModel model = TestModels.conv(TestModels.GREY);
		final ArrayImg<FloatType, FloatArray> img = slices(30, 22, 1);
		final NhwcArray ref = Untiled.run(model, img);
		// Y first, then X; and the image moved to (-5, 100)
		final RandomAccessibleInterval<FloatType> yx = Views.permute(img, 0, 1);
		final Img<FloatType> out = Restorer.of(model).restoreAsFloat(yx, Axes.of("YX"), OPTIONS);
		assertTrue(maxAbs(Views.permute(out, 0, 1), ref, 0) < 1e-5);
		final RandomAccessibleInterval<FloatType> moved = Views.translate(img, -5, 100);
		final Img<FloatType> out2 = Restorer.of(model).restoreAsFloat(moved, Axes.xy(), OPTIONS);
		assertTrue(maxAbs(out2, ref, 0) < 1e-5);
	}

	@Test
	void aThreeChannelModelTakesThreeChannelsAndTheDualPixelModelSix() {
		final LoadedModel rgb = TestModels.conv(TestModels.RGB);
		final ArrayImg<FloatType, FloatArray> img = slices(26, 19, 3);
		final NhwcArray ref = Untiled.run(rgb, img);
		final Img<FloatType> out = Restorer.of(rgb).restoreAsFloat(img, Axes.of("XYC"), OPTIONS);
		for (int c = 0; c < 3; c++)
			assertTrue(maxAbs(Views.hyperSlice(out, 2, c), ref, c) < 1e-5);
		final ChannelCountException two = assertThrows(ChannelCountException.class, () -> Restorer.of(rgb)
			.restoreAsFloat(slices(26, 19, 2), Axes.of("XYC"), OPTIONS));
		assertTrue(two.getMessage().contains("takes 3 channel(s)") && two.getMessage().contains("has 2"), two
			.getMessage());
		assertThrows(ChannelCountException.class, () -> Restorer.of(rgb).restoreAsFloat(slices(26, 19, 1), Axes.xy(),
			OPTIONS));

		final LoadedModel dual = TestModels.conv(TestModels.DUAL_PIXEL);
		final ArrayImg<FloatType, FloatArray> six = slices(26, 19, 6);
		final NhwcArray dualRef = Untiled.run(dual, six);
		final Img<FloatType> dualOut = Restorer.of(dual).restoreAsFloat(six, Axes.of("XYC"), OPTIONS);
		assertArrayEquals(new long[] { 26, 19, 3 }, dualOut.dimensionsAsLongArray(), "six channels in, three out");
		for (int c = 0; c < 3; c++)
			assertTrue(maxAbs(Views.hyperSlice(dualOut, 2, c), dualRef, c) < 1e-5);
		final ChannelCountException three = assertThrows(ChannelCountException.class, () -> Restorer.of(dual)
			.restoreAsFloat(img, Axes.of("XYC"), OPTIONS));
		assertTrue(three.getMessage().contains("left and right views as 6 channels"), three.getMessage());
	}

	@Test
	void eightSixteenAndThirtyTwoBitInputsWithFloatOrOwnTypeOutput() {
		final LoadedModel model = TestModels.conv(TestModels.GREY);
		final ArrayImg<FloatType, FloatArray> f = slices(31, 27, 1);
		final ArrayImg<UnsignedByteType, ?> u8 = ArrayImgs.unsignedBytes(31, 27);
		final ArrayImg<UnsignedShortType, ?> u16 = ArrayImgs.unsignedShorts(31, 27);
		final var cf = f.cursor();
		final var c8 = u8.cursor();
		final var c16 = u16.cursor();
		while (cf.hasNext()) {
			final float v = cf.next().get();
			c8.next().set(Math.round(v * 255));
			c16.next().set(Math.round(v * 65535));
		}
		final RestoreOptions typeRange = OPTIONS.withNormalization(Normalization.typeRange());
		// the network sees the same values (to the type's precision) and the output comes back scaled
		final Img<FloatType> fromFloat = Restorer.of(model).restoreAsFloat(f, Axes.xy(), typeRange);
		final Img<FloatType> from8 = Restorer.of(model).restoreAsFloat(u8, Axes.xy(), typeRange);
		final Img<FloatType> from16 = Restorer.of(model).restoreAsFloat(u16, Axes.xy(), typeRange);
		final Img<UnsignedByteType> as8 = Restorer.of(model).restoreAsInputType(u8, Axes.xy(), typeRange);
		final Img<UnsignedShortType> as16 = Restorer.of(model).restoreAsInputType(u16, Axes.xy(), typeRange);
		final var a = fromFloat.cursor();
		final var b8 = from8.cursor();
		final var b16 = from16.cursor();
		final var i8 = as8.cursor();
		final var i16 = as16.cursor();
		int saturated = 0;
		while (a.hasNext()) {
			final double v = a.next().get();
			final double v8 = b8.next().get(), v16 = b16.next().get();
			assertEquals(v, v8 / 255, 0.05, "8-bit input quantised to 1/255 before a random network");
			assertEquals(v, v16 / 65535, 2e-4);
			assertEquals(Math.max(0, Math.min(255, Math.round(v8))), i8.next().get(), "8-bit output rounded, saturated");
			final int expected16 = (int) Math.max(0, Math.min(65535, Math.round(v16)));
			assertEquals(expected16, i16.next().get());
			if (v16 < 0 || v16 > 65535) saturated++;
		}
		assertTrue(saturated > 0, "the random network overshoots somewhere, so saturation is exercised");
	}

	@Test
	void wrongAxesAndWrongOutputShapesAreRefusedWithTheRemedy() {
		final Restorer r = Restorer.of(TestModels.conv(TestModels.GREY));
		final ArrayImg<FloatType, FloatArray> img = slices(20, 20, 2);
		final AxesMismatchException axes = assertThrows(AxesMismatchException.class, () -> r.restoreAsFloat(img, Axes
			.xy(), OPTIONS));
		assertTrue(axes.getMessage().contains("has 3 dimension(s)") && axes.getMessage().contains("given as XY "), axes
			.getMessage());
		final Img<FloatType> wrong = new ArrayImgFactory<>(new FloatType()).create(20, 20, 3);
		assertThrows(OutputShapeException.class, () -> r.restore(img, Axes.of("XYC"), wrong, OPTIONS));
		assertThrows(IllegalArgumentException.class, () -> r.restore(img, Axes.of("XYC"), img, OPTIONS));
		final TileSizeException tiles = assertThrows(TileSizeException.class, () -> r.restoreAsFloat(slices(200, 200, 1),
			Axes.xy(), OPTIONS.withTileSize(32).withHalo(30)));
		// 30 + 8 rounded up to the size rule (multiples of 8): the smallest tile that can run
		assertTrue(tiles.getMessage().contains("at least 40 pixels"), tiles.getMessage());
	}
}
