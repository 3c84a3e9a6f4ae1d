package org.restorej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.restorej.metrics.Psnr;
import org.restorej.metrics.Ssim;
import org.restorej.restore.TestImages;
import org.scijava.command.CommandModule;

/**
 * Compare Images through a SciJava Context: its numbers are the library's {@link Psnr} and
 * {@link Ssim} (which agree with scikit-image) on the images' raw values, with the data range the
 * type gives or the one passed.
 */
class CompareImagesCommandTest {

	static HeadlessCommands scijava;

	@BeforeAll
	static void context() {
		scijava = new HeadlessCommands();
	}

	@AfterAll
	static void dispose() {
		scijava.close();
	}

	static CommandModule compare(final ImagePlus test, final ImagePlus reference, final Object... more)
		throws Exception
	{
		final Map<String, Object> in = new HashMap<>(Map.of("test", test, "reference", reference));
		for (int i = 0; i < more.length; i += 2)
			in.put((String) more[i], more[i + 1]);
		return scijava.run(CompareImagesCommand.class, in);
	}

	static ResultsTable table(final CommandModule m) {
		return ((CompareImagesCommand) m.getCommand()).table();
	}

	@Test
	void sixteenBitGreyGivesTheLibrarysValuesWithRange65535() throws Exception {
		final ImagePlus clean = TestImages.grey16("clean.tif", 48, 40, 1), noisy = TestImages.grey16("noisy.tif", 48,
			40, 2);
		final float[] a = TestImages.samples(clean), b = TestImages.samples(noisy);
		final CommandModule m = compare(noisy, clean);
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertEquals(Psnr.of(a, b, 65535), (double) m.getOutput("psnr"), 1e-9);
		assertEquals(Ssim.of(a, b, 40, 48, 1, 65535), (double) m.getOutput("ssim"), 1e-9);
		// scale-free: the same as the command line's values on data divided by 65535 with range 1
		assertEquals(Psnr.of(scaled(a, 65535), scaled(b, 65535), 1), (double) m.getOutput("psnr"), 1e-4);
		final ResultsTable t = table(m);
		final int last = t.size() - 1;
		assertEquals("noisy.tif", t.getStringValue("Test", last));
		assertEquals("clean.tif", t.getStringValue("Reference", last));
		assertEquals(65535, t.getValue("Data range", last));
		assertEquals((double) m.getOutput("ssim"), t.getValue("SSIM", last), 1e-9);

		final CommandModule skimage = compare(noisy, clean, "window", "skimage", "range", "1000");
		assertEquals(Ssim.of(a, b, 40, 48, 1, 1000, Ssim.SKIMAGE_DEFAULT), (double) skimage.getOutput("ssim"), 1e-9);
		assertEquals(Psnr.of(a, b, 1000), (double) skimage.getOutput("psnr"), 1e-9);
	}

	@Test
	void rgbHasARowPerChannelAndAWholeImageRow() throws Exception {
		final ImagePlus reference = TestImages.rgb("ref.tif", 30, 24, 3), test = TestImages.rgb("test.tif", 30, 24, 4);
		final CommandModule m = compare(test, reference);
		final ResultsTable t = table(m);
		final int n = t.size();
		assertEquals("red", t.getStringValue("Channel", n - 4));
		assertEquals("blue", t.getStringValue("Channel", n - 2));
		assertEquals("all", t.getStringValue("Channel", n - 1));
		final float[] a = TestImages.samples(reference), b = TestImages.samples(test);
		// all values for PSNR, the mean over the channels for SSIM: the library's multi-channel values
		assertEquals(Psnr.of(a, b, 255), (double) m.getOutput("psnr"), 1e-9);
		assertEquals(Ssim.of(interleaved(a, 3), interleaved(b, 3), 24, 30, 3, 255), (double) m.getOutput("ssim"),
			1e-9);
	}

	@Test
	void aStackHasARowPerSlice() throws Exception {
		final ImagePlus reference = TestImages.hyperstack16("ref", 24, 20, 1, 3, 1), test = TestImages.hyperstack16(
			"test", 24, 20, 1, 3, 1);
		test.getStack().getProcessor(2).add(100);
		final CommandModule m = compare(test, reference);
		final ResultsTable t = table(m);
		final int n = t.size();
		assertEquals("1", t.getStringValue("Slice", n - 4));
		assertEquals("3", t.getStringValue("Slice", n - 2));
		assertEquals(Double.POSITIVE_INFINITY, t.getValue("PSNR (dB)", n - 4), "identical slice");
		assertEquals(10 * Math.log10(65535.0 * 65535 / (100 * 100)), t.getValue("PSNR (dB)", n - 3), 1e-9);
		assertEquals(10 * Math.log10(65535.0 * 65535 / (100 * 100 / 3.0)), (double) m.getOutput("psnr"), 1e-9);
	}

	@Test
	void floatImagesTakeTheReferencesSpanOrTheGivenRange() throws Exception {
		final FloatProcessor ref = new FloatProcessor(16, 16), noisy = new FloatProcessor(16, 16);
		for (int i = 0; i < 256; i++) {
			ref.setf(i, i / 255f * 2 - 0.5f);
			noisy.setf(i, ref.getf(i) + (i % 2 == 0 ? 0.1f : -0.1f));
		}
		final ImagePlus r = new ImagePlus("ref", ref), t = new ImagePlus("noisy", noisy);
		assertEquals(10 * Math.log10(2.0 * 2 / 0.01), (double) compare(t, r).getOutput("psnr"), 1e-4,
			"range 2: the reference spans -0.5..1.5");
		assertEquals(10 * Math.log10(1 / 0.01), (double) compare(t, r, "range", "1").getOutput("psnr"), 1e-4);
	}

	@Test
	void refusesImagesOfAnotherSizeOrTypeAndBadRanges() throws Exception {
		final ImagePlus a = TestImages.grey16("a.tif", 32, 32, 1);
		final CommandModule size = compare(TestImages.grey16("b.tif", 32, 31, 2), a);
		assertTrue(size.isCanceled());
		assertTrue(size.getCancelReason().contains("Cannot compare b.tif (32x31") && size.getCancelReason().contains(
			"same size"), size.getCancelReason());
		final CommandModule type = compare(TestImages.grey8("c.tif", 32, 32, 1), a);
		assertTrue(type.getCancelReason().contains("8-bit") && type.getCancelReason().contains("16-bit"), type
			.getCancelReason());
		final CommandModule range = compare(a, a, "range", "wide");
		assertTrue(range.getCancelReason().contains("Data range 'wide'"), range.getCancelReason());
		final CommandModule uniform = compare(new ImagePlus("f", new FloatProcessor(16, 16)), new ImagePlus("g",
			new FloatProcessor(16, 16)));
		assertTrue(uniform.getCancelReason().contains("uniform"), uniform.getCancelReason());
	}

	private static float[] scaled(final float[] v, final double by) {
		final float[] s = new float[v.length];
		for (int i = 0; i < v.length; i++)
			s[i] = (float) (v[i] / by);
		return s;
	}

	/** Channel-last order from {@link TestImages#samples}' planar RGB (all red, then green, then blue). */
	private static float[] interleaved(final float[] planar, final int channels) {
		final int n = planar.length / channels;
		final float[] out = new float[planar.length];
		for (int c = 0; c < channels; c++)
			for (int i = 0; i < n; i++)
				out[i * channels + c] = planar[c * n + i];
		return out;
	}
}
