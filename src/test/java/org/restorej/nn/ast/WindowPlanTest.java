package org.restorej.nn.ast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.restorej.ReferenceFixtures;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

class WindowPlanTest {

	/** The plan of every fixture configuration equals the per-block list of its manifest. */
	@Test
	void matchesFixtureManifests() {
		for (final ReferenceFixtures.Config c : AstTestSupport.configs())
			assertPlan(c.name(), AstTestSupport.astConfig(c.name()), c.manifest().getAsJsonArray("blocks"));
	}

	/** AST_B as the official tests build it (img_size 128): the block plan of the key listing. */
	@Test
	void matchesAstBKeyListing() {
		assertPlan("AST_B", AstConfig.astB(3), AstTestSupport.astB().getAsJsonArray("block_plan"));
		final List<WindowPlan.Layer> layers = AstConfig.astB(3).windowPlan().layers();
		assertEquals(List.of(0, 0), layers.get(4).shifts()); // bottleneck r = 8: window 8, never shifted
		assertEquals(List.of(0, 4, 0, 4, 0, 4, 0, 4), layers.get(5).shifts());
		assertEquals(List.of(0), layers.get(8).shifts());
	}

	@Test
	void sizeMultiples() {
		assertEquals(128, AstTestSupport.astConfig("a_frfn_img128").windowPlan().sizeMultiple());
		assertEquals(128, AstTestSupport.astConfig("b_frfn_img256_bottleneck_shift").windowPlan().sizeMultiple());
		assertEquals(64, AstTestSupport.astConfig("c_leff_img64_window4").windowPlan().sizeMultiple());
		assertEquals(128, AstTestSupport.astConfig("d_frfn_ddin1_heads").windowPlan().sizeMultiple());
		assertEquals(128, AstConfig.astB(3).windowPlan().sizeMultiple());
		// img_size 32, win 8: bottleneck window 2 (·16 = 32), decoder 0 window 4 (·8), decoders 1–3 window 8
		// (·4 = 32, ·2, ·1): multiples of 32
		final AstConfig small = new AstConfig(32, 4, 8, TokenMlp.LEFF, new int[] { 1, 1, 1, 1, 1, 1, 1, 1, 1 },
			AstConfig.DEFAULT_NUM_HEADS, 3, 3, 4, true);
		assertEquals(List.of(2, 4, 8, 8, 8), small.windowPlan().layers().subList(4, 9).stream().map(
			WindowPlan.Layer::window).toList());
		assertEquals(32, small.windowPlan().sizeMultiple());
	}

	@Test
	void relativePositionIndex() {
		// win 2: tokens (0,0), (0,1), (1,0), (1,1); idx = (dy + 1)·3 + (dx + 1)
		final int[] expected = { 4, 3, 1, 0, //
			5, 4, 2, 1, //
			7, 6, 4, 3, //
			8, 7, 5, 4 };
		assertEquals(List.of(boxed(expected)), List.of(boxed(WindowPlan.relativePositionIndex(2))));
		final int[] idx8 = WindowPlan.relativePositionIndex(8);
		assertEquals(64 * 64, idx8.length);
		assertEquals(7 * 15 + 7, idx8[0]); // p = q: centre of the (2·8−1)² table
		assertEquals(0, idx8[63]); // p = (0,0), q = (7,7): dy = dx = −7
		assertEquals(15 * 15 - 1, idx8[63 * 64]); // p = (7,7), q = (0,0)
	}

	private static List<Integer> boxed(final int[] a) {
		return java.util.Arrays.stream(a).boxed().toList();
	}

	private static void assertPlan(final String name, final AstConfig config, final JsonArray expected) {
		final List<WindowPlan.Block> blocks = config.windowPlan().blocks();
		assertEquals(expected.size(), blocks.size(), name);
		for (int i = 0; i < blocks.size(); i++) {
			final JsonObject e = expected.get(i).getAsJsonObject();
			final WindowPlan.Block b = blocks.get(i);
			final String where = name + " " + e.get("block").getAsString();
			assertEquals(e.get("block").getAsString(), b.name(), where);
			assertEquals(e.get("attention").getAsBoolean(), b.attention(), where);
			assertEquals(e.get("win_size").getAsInt(), b.window(), where);
			assertEquals(e.get("shift_size").getAsInt(), b.shift(), where);
		}
	}
}
