package org.restorej.nn.ast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.restorej.io.NpyArray;

import com.google.gson.JsonObject;

/**
 * Runs every case of the four AST fixture configurations (weights from the official-format checkpoints,
 * see {@link NpyDirectoryWeightSource}) and compares with the float64 PyTorch reference:
 * max-abs ≤ 2e-5 and rel-L2 ≤ 5e-6 (spec section 7). One case per configuration is in the test resources;
 * the others are read from the reference folder ({@code -Drestorej.reference.dir}, default
 * {@code /work/shared/reference}) and skipped when it is absent.
 * <ul>
 * <li>direct cases: the input as it is;</li>
 * <li>expand2square: the input centred on a zero canvas of the recorded size, the output cropped back;</li>
 * <li>tiles: the official splitimage/mergeimage with plain mean weights, all tiles run as one batch.</li>
 * </ul>
 */
class AstFixtureTest {

	static final double MAX_ABS = 2e-5;
	static final double REL_L2 = 5e-6;

	private static final Map<String, AstTestSupport.Model> MODELS = new HashMap<>();

	static Stream<Arguments> cases() {
		return AstTestSupport.configs().stream().flatMap(c -> AstTestSupport.stream(c.getAsJsonArray("cases")).map(
			k -> Arguments.of(c.get("name").getAsString(), k.getAsJsonObject().get("name").getAsString())));
	}

	static synchronized AstTestSupport.Model model(final String config) {
		return MODELS.computeIfAbsent(config, name -> new AstTestSupport.Model(AstTestSupport.astConfig(name)).load(
			AstTestSupport.weights(name), name));
	}

	@AfterAll
	static void closeModels() {
		MODELS.values().forEach(AstTestSupport.Model::close);
		MODELS.clear();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("cases")
	void matchesFloat64Reference(final String config, final String caseName) {
		final JsonObject k = AstTestSupport.stream(AstTestSupport.config(config).getAsJsonArray("cases")).map(
			e -> e.getAsJsonObject()).filter(e -> e.get("name").getAsString().equals(caseName)).findFirst()
			.orElseThrow();
		final Path inFile = AstTestSupport.file(config, k.get("input_file").getAsString());
		final Path refFile = AstTestSupport.file(config, k.get("output_f64_file").getAsString());
		Assumptions.assumeTrue(inFile != null && refFile != null, "fixture files of " + config + "/" + caseName +
			" are neither in the test resources nor in " + AstTestSupport.SHARED);
		final NpyArray in = AstTestSupport.read(inFile);
		final NpyArray ref = AstTestSupport.read(refFile);
		final AstTestSupport.Model m = model(config);

		final double[] out = switch (k.get("kind").getAsString()) {
			case "direct" -> direct(m, in);
			case "expand2square" -> expand2square(m, in, k.getAsJsonObject("padding"));
			case "tiles" -> tiles(m, in, k.getAsJsonObject("tiling"));
			default -> throw new AssertionError("unknown case kind " + k.get("kind"));
		};
		assertArrayEquals(ref.shape(), new long[] { 1, m.config.outputChannels(), in.dim(2), in.dim(3) });
		final double maxAbs = AstTestSupport.maxAbs(out, ref.values());
		final double relL2 = AstTestSupport.relL2(out, ref.values());
		System.out.printf("AST fixture %s %s: max-abs %.3g, rel-L2 %.3g%n", config, caseName, maxAbs, relL2);
		assertTrue(maxAbs <= MAX_ABS && relL2 <= REL_L2, config + "/" + caseName + ": max-abs " + maxAbs +
			", rel-L2 " + relL2);
	}

	private static double[] direct(final AstTestSupport.Model m, final NpyArray in) {
		final int c = in.dim(1), h = in.dim(2), w = in.dim(3);
		final float[] y = m.run(AstTestSupport.nchwToNhwc(in.values(), 1, c, h, w), 1, h, w);
		return AstTestSupport.nhwcToNchw(y, 1, m.config.outputChannels(), h, w);
	}

	/** test_spad.py's expand2square: zero canvas X×X, image at (top, left), output cropped back. */
	private static double[] expand2square(final AstTestSupport.Model m, final NpyArray in, final JsonObject pad) {
		final int c = in.dim(1), h = in.dim(2), w = in.dim(3);
		final int[] canvas = AstTestSupport.ints(pad.getAsJsonArray("canvas"));
		final int top = pad.get("top").getAsInt(), left = pad.get("left").getAsInt();
		final int ch = canvas[0], cw = canvas[1];
		final double[] big = new double[c * ch * cw];
		for (int k = 0; k < c; k++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					big[(k * ch + y + top) * cw + x + left] = in.values()[(k * h + y) * w + x];
		final int oc = m.config.outputChannels();
		final double[] full = AstTestSupport.nhwcToNchw(m.run(AstTestSupport.nchwToNhwc(big, 1, c, ch, cw), 1, ch,
			cw), 1, oc, ch, cw);
		final double[] out = new double[oc * h * w];
		for (int k = 0; k < oc; k++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					out[(k * h + y) * w + x] = full[(k * ch + y + top) * cw + x + left];
		return out;
	}

	/** splitimage/mergeimage with uniform weights: tiles summed into the canvas and divided by the count. */
	private static double[] tiles(final AstTestSupport.Model m, final NpyArray in, final JsonObject tiling) {
		final int c = in.dim(1), h = in.dim(2), w = in.dim(3);
		final int crop = tiling.get("crop_size").getAsInt();
		final int[][] starts = AstTestSupport.stream(tiling.getAsJsonArray("tile_starts_hw")).map(e -> AstTestSupport
			.ints(e.getAsJsonArray())).toArray(int[][]::new);
		final int n = starts.length;
		final double[] batch = new double[n * c * crop * crop];
		for (int t = 0; t < n; t++)
			for (int k = 0; k < c; k++)
				for (int y = 0; y < crop; y++)
					for (int x = 0; x < crop; x++)
						batch[((t * c + k) * crop + y) * crop + x] = in.values()[(k * h + y + starts[t][0]) * w + x +
							starts[t][1]];
		final int oc = m.config.outputChannels();
		final double[] outs = AstTestSupport.nhwcToNchw(m.run(AstTestSupport.nchwToNhwc(batch, n, c, crop, crop), n,
			crop, crop), n, oc, crop, crop);
		final double[] sum = new double[oc * h * w];
		final double[] count = new double[h * w];
		for (int t = 0; t < n; t++)
			for (int y = 0; y < crop; y++)
				for (int x = 0; x < crop; x++) {
					final int py = y + starts[t][0], px = x + starts[t][1];
					count[py * w + px]++;
					for (int k = 0; k < oc; k++)
						sum[(k * h + py) * w + px] += outs[((t * oc + k) * crop + y) * crop + x];
				}
		for (int k = 0; k < oc; k++)
			for (int i = 0; i < h * w; i++)
				sum[k * h * w + i] /= count[i];
		return sum;
	}
}
