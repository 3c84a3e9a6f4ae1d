package org.restorej.nn.ast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.restorej.ReferenceFixtures;
import org.restorej.array.NhwcArray;
import org.restorej.io.Npy;
import org.restorej.io.NpyArray;
import org.restorej.runtime.Difference;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The tiled cases of the AST fixtures (the official splitimage/mergeimage with plain mean weights) with
 * all tiles of the image run through the graph as one batch, compared with the float64 PyTorch
 * reference: max-abs ≤ 2e-5 and rel-L2 ≤ 5e-6 (spec section 7). Weights come from the official-format
 * checkpoint through the checkpoint reader. The bundled subset has no tiled case, so these run only with
 * the full reference set ({@code ../shared/reference} or {@code -Drestorej.reference.dir}).
 * <p>
 * The single-image cases (direct, expand2square) of every configuration are checked by
 * {@code org.restorej.export.ReferenceFixtureTest}, through import, SavedModel and reload; this test adds
 * that the batch axis carries many windows' worth of real images without mixing them.
 */
class AstFixtureTest {

	static Stream<Arguments> tiledCases() {
		final List<Arguments> cases = new ArrayList<>();
		for (final ReferenceFixtures.Config c : AstTestSupport.configs())
			for (final JsonElement k : c.manifest().getAsJsonArray("cases"))
				if (k.getAsJsonObject().get("kind").getAsString().equals("tiles")) cases.add(Arguments.of(c.name(), k
					.getAsJsonObject().get("name").getAsString()));
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("tiledCases")
	void tilesAsOneBatchMatchFloat64Reference(final String config, final String caseName) throws IOException {
		final ReferenceFixtures.Config c = AstTestSupport.config(config);
		final JsonObject k = caseNamed(c, caseName);
		final String dir = "ast/" + c.manifest().get("dir").getAsString() + "/";
		final Path inFile = ReferenceFixtures.find(dir + k.get("input_file").getAsString());
		final Path refFile = ReferenceFixtures.find(dir + k.get("output_f64_file").getAsString());
		Assumptions.assumeTrue(inFile != null && refFile != null, "fixture files of " + config + "/" + caseName +
			" are not in the bundled subset, and the full reference set is absent (../shared/reference or "
			+ "-Drestorej.reference.dir)");
		final NpyArray in = Npy.read(inFile);
		final NpyArray ref = Npy.read(refFile);
		try (AstTestSupport.Model m = AstTestSupport.Model.fixture(config)) {
			final NhwcArray x = NhwcArray.fromNchw(in.floats(), 1, in.dim(1), in.dim(2), in.dim(3));
			final NhwcArray y = ReferenceFixtures.officialTiles(x, k.getAsJsonObject("tiling"), crops -> asOneBatch(m,
				crops));
			assertArrayEquals(ref.shape(), y.nchwShape());
			final Difference d = Difference.between(y.toNchw(), ref.values());
			System.out.printf("AST fixture %s %s as one batch: %s%n", config, caseName, d);
			assertTrue(d.maxAbs() <= ReferenceFixtures.MAX_ABS && d.relL2() <= ReferenceFixtures.REL_L2, config + "/" +
				caseName + ": " + d);
		}
	}

	private static JsonObject caseNamed(final ReferenceFixtures.Config c, final String name) {
		for (final JsonElement e : c.manifest().getAsJsonArray("cases"))
			if (e.getAsJsonObject().get("name").getAsString().equals(name)) return e.getAsJsonObject();
		throw new AssertionError("no case " + name + " in " + c);
	}

	/** Runs all crops (of one size) as a single batch and splits the output back into images. */
	private static List<NhwcArray> asOneBatch(final AstTestSupport.Model m, final List<NhwcArray> crops) {
		final NhwcArray first = crops.get(0);
		final int n = crops.size(), h = first.height(), w = first.width();
		final int inSize = first.data().length;
		final float[] batch = new float[n * inSize];
		for (int t = 0; t < n; t++)
			System.arraycopy(crops.get(t).data(), 0, batch, t * inSize, inSize);
		final float[] out = m.run(batch, n, h, w);
		final int oc = m.config.outputChannels(), outSize = h * w * oc;
		final List<NhwcArray> tiles = new ArrayList<>();
		for (int t = 0; t < n; t++) {
			final float[] one = new float[outSize];
			System.arraycopy(out, t * outSize, one, 0, outSize);
			tiles.add(new NhwcArray(1, h, w, oc, one));
		}
		return tiles;
	}
}
