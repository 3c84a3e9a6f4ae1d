package org.restorej.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import ij.ImagePlus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.restorej.engine.Axes;
import org.restorej.engine.Restorer;
import org.restorej.imagej.ImageLayout;
import org.restorej.imagej.ImagePlanes;
import org.restorej.imagej.PixelKind;
import org.restorej.restore.local.EngineOptions;
import org.restorej.restore.local.LocalImageRestorer;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;

/**
 * The in-process restorer gives, for every plane, channel and pixel type, what the engine gives on an
 * ArrayImg holding the same samples: ImageJ's planes, RGB splitting and the axes are mapped right.
 */
class LocalImageRestorerTest {

	private static final RestoreSettings SETTINGS = RestoreSettings.parse("tile=32 halo=8");
	private static final LocalImageRestorer GREY = new LocalImageRestorer(SmallModels.grey());
	private static final LocalImageRestorer RGB = new LocalImageRestorer(SmallModels.rgb());

	@AfterAll
	static void close() {
		GREY.close();
		RGB.close();
	}

	/** The engine on an ArrayImg of the image's samples, its own pixel type, axes without size-1 ones. */
	static float[] engine(final Path model, final ImagePlus imp, final RestoreSettings s) {
		final ImageLayout l = ImagePlanes.of(imp).layout();
		final float[] v = TestImages.samples(imp);
		final String letters = "XY" + (l.channels() > 1 ? "C" : "") + (l.slices() > 1 ? "Z" : "") + (l.frames() > 1
			? "T" : "");
		final long[] all = l.dimensions(), dims = new long[letters.length()];
		for (int d = 0, k = 0; k < 5; k++)
			if (k < 2 || all[k] > 1) dims[d++] = all[k];
		try (LoadedModel m = LoadedModel.load(model, ExecutionOptions.cpu())) {
			final Restorer r = Restorer.of(m);
			final Img<FloatType> out = switch (l.kind()) {
				case UINT8 -> {
					final byte[] b = new byte[v.length];
					for (int i = 0; i < v.length; i++)
						b[i] = (byte) v[i];
					yield r.restoreAsFloat(ArrayImgs.unsignedBytes(b, dims), Axes.of(letters), EngineOptions.restore(s, l,
						"reference", RunMonitor.SILENT));
				}
				case UINT16 -> {
					final short[] b = new short[v.length];
					for (int i = 0; i < v.length; i++)
						b[i] = (short) v[i];
					yield r.restoreAsFloat(ArrayImgs.unsignedShorts(b, dims), Axes.of(letters), EngineOptions.restore(s, l,
						"reference", RunMonitor.SILENT));
				}
				case FLOAT32 -> r.restoreAsFloat(ArrayImgs.floats(v, dims), Axes.of(letters), EngineOptions.restore(s, l,
					"reference", RunMonitor.SILENT));
			};
			final float[] flat = new float[(int) out.size()];
			int i = 0;
			for (final FloatType t : Views.flatIterable(out))
				flat[i++] = t.get();
			return flat;
		}
	}

	@Test
	void grey16BitImage() {
		final ImagePlus in = TestImages.grey16("grey.tif", 45, 37, 1);
		final float[] before = TestImages.samples(in);
		final ImagePlus out = GREY.restore(in, SETTINGS, RunMonitor.SILENT);
		TestImages.assertClose(engine(SmallModels.grey(), in, SETTINGS), TestImages.samples(out), "out");
		assertEquals(ImagePlus.GRAY32, out.getType());
		assertArrayEquals(before, TestImages.samples(in), "input unchanged");
		assertNotSame(in.getProcessor().getPixels(), out.getProcessor().getPixels());
	}

	@Test
	void rgbImageGoesThroughARgbModelAsThreeChannels() {
		final ImagePlus in = TestImages.rgb("colour.png", 40, 33, 2);
		final ImagePlus out = RGB.restore(in, SETTINGS, RunMonitor.SILENT);
		assertEquals(3, out.getNChannels());
		assertTrue(out.isComposite(), "float RGB output is a 3-channel composite");
		TestImages.assertClose(engine(SmallModels.rgb(), in, SETTINGS), TestImages.samples(out), "out");
		final ImagePlus same = RGB.restore(in, SETTINGS.withOutputType(RestoreSettings.OutputType.SAME),
			RunMonitor.SILENT);
		assertEquals(ImagePlus.COLOR_RGB, same.getType(), "8-bit output of an RGB image is RGB again");
		final float[] expected = engine(SmallModels.rgb(), in, SETTINGS), actual = TestImages.samples(same);
		for (int i = 0; i < expected.length; i++)
			assertEquals(Math.max(0, Math.min(255, expected[i])), actual[i], 0.5 + 1e-3, "rounded, saturated: " + i);
	}

	@Test
	void hyperstackPlanesAndChannelsKeepTheirOrder() {
		final ImagePlus in = TestImages.hyperstack16("hyper.tif", 24, 19, 2, 3, 2);
		final ImagePlus out = GREY.restore(in, SETTINGS, RunMonitor.SILENT);
		assertEquals(2, out.getNChannels());
		assertEquals(3, out.getNSlices());
		assertEquals(2, out.getNFrames());
		assertTrue(out.isHyperStack());
		TestImages.assertClose(engine(SmallModels.grey(), in, SETTINGS), TestImages.samples(out), "out");
		assertEquals("plane 5", out.getStack().getSliceLabel(5), "slice labels follow their planes");
	}

	@Test
	void floatAnd8BitImages() {
		for (final ImagePlus in : new ImagePlus[] { TestImages.float32("f.tif", 33, 30, 3), TestImages.grey8("b.tif",
			33, 30, 4) })
		{
			final ImagePlus out = GREY.restore(in, SETTINGS, RunMonitor.SILENT);
			TestImages.assertClose(engine(SmallModels.grey(), in, SETTINGS), TestImages.samples(out), in.getTitle());
		}
	}

	@Test
	void wholePlaneWithoutTilingEqualsTiledWithEnoughHalo() {
		final ImagePlus in = TestImages.grey16("g.tif", 50, 41, 5);
		final float[] untiled = TestImages.samples(GREY.restore(in, RestoreSettings.parse("tile=none"),
			RunMonitor.SILENT));
		// the network sees 3 pixels around each output pixel: a context of 4 is exact
		final float[] tiled = TestImages.samples(GREY.restore(in, RestoreSettings.parse("tile=24 halo=12"),
			RunMonitor.SILENT));
		TestImages.assertClose(untiled, tiled, "tiled");
		assertFalse(java.util.Arrays.equals(untiled, TestImages.samples(in)), "the network changes the image");
	}

	@Test
	void aModelWithFewerOutputChannelsGivesThatManyChannels() {
		final ImagePlus in = TestImages.hyperstack16("dual.tif", 26, 21, 6, 2, 1);
		try (LocalImageRestorer dual = new LocalImageRestorer(SmallModels.dualPixel())) {
			final ImagePlus out = dual.restore(in, SETTINGS, RunMonitor.SILENT);
			assertEquals(3, out.getNChannels());
			assertEquals(2, out.getNSlices());
			TestImages.assertClose(engine(SmallModels.dualPixel(), in, SETTINGS), TestImages.samples(out), "dual");
		}
	}

	@Test
	void sameTypeKeeps16Bit() {
		final ImagePlus in = TestImages.grey16("g.tif", 30, 30, 6);
		final ImagePlus out = GREY.restore(in, RestoreSettings.parse("type=same tile=32 halo=8"), RunMonitor.SILENT);
		assertEquals(ImagePlus.GRAY16, out.getType());
		assertEquals(PixelKind.UINT16, ImagePlanes.of(out).layout().kind());
	}
}
