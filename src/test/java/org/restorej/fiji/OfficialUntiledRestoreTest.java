package org.restorej.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.ReferenceFixtures;
import org.restorej.array.NhwcArray;
import org.restorej.cli.Main;
import org.restorej.engine.OfficialSizeHandling;
import org.restorej.export.CheckpointImporter;
import org.restorej.imagej.TiffFiles;
import org.restorej.io.Npy;
import org.restorej.io.NpyArray;
import org.restorej.restore.TestImages;
import org.restorej.runtime.Difference;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;

/**
 * An untiled restore ({@code tile=none normalize=none}, float output) through the command line and
 * through the Restore Image command is the model's official untiled pass: AST's zero square canvas
 * (expand2square) on non-square images, Restormer's reflection to a multiple of 8. Compared with
 * PyTorch's outputs of the bundled reference fixtures, and on other shapes with the runtime's pass
 * ({@code predict}), itself checked against PyTorch in {@code ReferenceFixtureTest}.
 */
class OfficialUntiledRestoreTest {

	private static final String AST = "ast/a_frfn_img128", RESTORMER = "restormer/r_a_rgb_withbias";

	@TempDir
	static Path dir;

	static Path ast, restormer;
	static HeadlessCommands scijava;

	@BeforeAll
	static void importCheckpoints() throws Exception {
		ast = importBundled("ast", "a_frfn_img128");
		restormer = importBundled("restormer", "r_a_rgb_withbias");
		scijava = new HeadlessCommands();
	}

	@AfterAll
	static void dispose() {
		scijava.close();
	}

	private static Path importBundled(final String architecture, final String name) throws Exception {
		for (final ReferenceFixtures.Config c : ReferenceFixtures.configs(ReferenceFixtures.bundled()))
			if (c.architecture().equals(architecture) && c.name().equals(name)) {
				final Path out = dir.resolve(name);
				CheckpointImporter.run(new CheckpointImporter.Request(c.dir().resolve("ckpt_official.pth"), out, null,
					architecture, c.arguments(), name, false), line -> {});
				return out;
			}
		throw new IllegalStateException("no bundled fixture " + architecture + "/" + name);
	}

	@Test
	void astOnANonSquareImageThroughRestoreIsTheOfficialZeroSquarePass() throws Exception {
		final NpyArray in = Npy.read(ReferenceFixtures.find(AST + "/c2_expand2square_input.npy"));
		final NpyArray official = Npy.read(ReferenceFixtures.find(AST + "/c2_expand2square_output_f64.npy"));
		assertOfficial(official.values(), restoreOnTheCommandLine(ast, in, "official"), "AST 100x77, restore");
		// mirroring the canvas is a different computation, offered only when asked for
		final Difference mirrored = Difference.between(restoreOnTheCommandLine(ast, in, "mirror"), official.values());
		assertTrue(mirrored.maxAbs() > 1e-3, "--padding mirror: " + mirrored);
	}

	@Test
	void astOnANonSquareImageThroughTheRestoreImageCommandIsTheOfficialZeroSquarePass() throws Exception {
		final NpyArray in = Npy.read(ReferenceFixtures.find(AST + "/c2_expand2square_input.npy"));
		final NpyArray official = Npy.read(ReferenceFixtures.find(AST + "/c2_expand2square_output_f64.npy"));
		assertOfficial(official.values(), restoreInFiji(ast, in), "AST 100x77, Restore Image");
	}

	@Test
	void astOnWideAndTallImagesIsThePredictCommandsPass() throws Exception {
		try (LoadedModel model = LoadedModel.load(ast, ExecutionOptions.cpu())) {
			for (final int[] hw : new int[][] { { 90, 120 }, { 131, 60 } }) {
				final NpyArray in = random(3, hw[0], hw[1], hw[0] * 1000L + hw[1]);
				final float[] predicted = OfficialSizeHandling.predict(model, NhwcArray.fromNchw(in.floats(), 1, 3, hw[0],
					hw[1])).toNchw();
				final String what = "AST " + hw[1] + "x" + hw[0];
				assertOfficial(toDoubles(predicted), restoreOnTheCommandLine(ast, in, "official"), what + ", restore");
				assertOfficial(toDoubles(predicted), restoreInFiji(ast, in), what + ", Restore Image");
			}
		}
	}

	@Test
	void restormerOnASizeThatIsNoMultipleOf8IsTheOfficialReflectPaddedPass() throws Exception {
		final NpyArray in = Npy.read(ReferenceFixtures.find(RESTORMER + "/c2_pad_input.npy"));
		final NpyArray official = Npy.read(ReferenceFixtures.find(RESTORMER + "/c2_pad_output_f64.npy"));
		assertOfficial(official.values(), restoreOnTheCommandLine(restormer, in, "official"), "Restormer 43x29, restore");
		assertOfficial(official.values(), restoreInFiji(restormer, in), "Restormer 43x29, Restore Image");
		// Restormer's official padding is a reflection: asking for mirroring changes nothing
		assertOfficial(official.values(), restoreOnTheCommandLine(restormer, in, "mirror"), "Restormer, mirror");
	}

	private static float[] restoreOnTheCommandLine(final Path model, final NpyArray in, final String padding)
		throws Exception
	{
		final String name = "in-" + model.getFileName() + "-" + in.dim(3) + "x" + in.dim(2) + "-" + padding;
		final Path input = dir.resolve(name + ".tif"), output = dir.resolve(name + "-restored.tif");
		TiffFiles.save(image(in, name), input, true);
		final int code = Main.execute("restore", "--model", model.toString(), "--tile", "none", "--normalize", "none",
			"--output-type", "float32", "--padding", padding, "--overwrite", input.toString(), output.toString());
		assertEquals(0, code, "restore " + name);
		final ImagePlus out = TiffFiles.open(output);
		assertEquals(in.dim(1), out.getNChannels());
		return TestImages.samples(out);
	}

	private static float[] restoreInFiji(final Path model, final NpyArray in) throws Exception {
		final Map<String, Object> inputs = Map.of("image", image(in, "fixture.tif"), "model", model.toString(), "tile",
			"none", "normalize", "none", "type", "float32");
		final var m = scijava.run(RestoreImageCommand.class, inputs);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ImagePlus out = (ImagePlus) m.getOutput("result");
		assertArrayEquals(new int[] { in.dim(3), in.dim(2), in.dim(1), 1, 1 }, out.getDimensions());
		return TestImages.samples(out);
	}

	/** The NCHW array (batch 1) as a float hyperstack of its channels. */
	private static ImagePlus image(final NpyArray a, final String title) {
		final int c = a.dim(1), h = a.dim(2), w = a.dim(3);
		final float[] v = a.floats();
		final ImageStack stack = new ImageStack(w, h);
		for (int k = 0; k < c; k++)
			stack.addSlice(new FloatProcessor(w, h, Arrays.copyOfRange(v, k * h * w, (k + 1) * h * w)));
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(c, 1, 1);
		imp.setOpenAsHyperStack(true);
		return imp;
	}

	private static NpyArray random(final int c, final int h, final int w, final long seed) {
		final SplittableRandom r = new SplittableRandom(seed);
		final float[] v = new float[c * h * w];
		for (int i = 0; i < v.length; i++)
			v[i] = (float) (0.1 + 0.8 * r.nextDouble());
		return NpyArray.of(new long[] { 1, c, h, w }, v);
	}

	private static double[] toDoubles(final float[] f) {
		final double[] d = new double[f.length];
		for (int i = 0; i < f.length; i++)
			d[i] = f[i];
		return d;
	}

	private static void assertOfficial(final double[] official, final float[] restored, final String what) {
		final Difference d = Difference.between(restored, official);
		System.out.println(what + ": " + d);
		assertTrue(d.maxAbs() <= ReferenceFixtures.MAX_ABS && d.relL2() <= ReferenceFixtures.REL_L2, what + ": " + d);
	}
}
