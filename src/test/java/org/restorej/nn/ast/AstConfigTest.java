package org.restorej.nn.ast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.restorej.ReferenceFixtures;
import org.restorej.checkpoint.PthCheckpoint;
import org.restorej.export.StateDictWeights;
import org.restorej.nn.Layers;
import org.restorej.nn.ParameterStore;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import com.google.gson.JsonObject;

class AstConfigTest {

	@Test
	void fixtureArgumentsAsJsonDoubles() {
		final AstConfig a = AstTestSupport.astConfig("a_frfn_img128");
		assertEquals(new AstConfig(128, 4, 8, TokenMlp.FRFN, new int[] { 2, 1, 1, 1, 1, 1, 1, 1, 2 },
			AstConfig.DEFAULT_NUM_HEADS, 3, 3, 4.0, true), a);
		final AstConfig d = AstTestSupport.astConfig("d_frfn_ddin1_heads");
		assertEquals(1, d.inputChannels());
		assertEquals(3, d.outputChannels());
		assertArrayEquals(new int[] { 1, 1, 2, 2, 4, 4, 2, 2, 1 }, d.numHeads());
		assertEquals(TokenMlp.LEFF, AstTestSupport.astConfig("c_leff_img64_window4").tokenMlp());
	}

	@Test
	void officialDefaults() {
		final AstConfig c = AstConfig.fromOfficialArguments(Map.of());
		assertEquals(new AstConfig(256, 32, 8, TokenMlp.LEFF, new int[] { 2, 2, 2, 2, 2, 2, 2, 2, 2 },
			AstConfig.DEFAULT_NUM_HEADS, 3, 3, 4.0, true), c);
	}

	@Test
	void astBPreset() {
		final AstConfig b = AstConfig.astB(3);
		final JsonObject args = AstTestSupport.astB().getAsJsonObject("constructor_args");
		assertEquals(b, AstConfig.fromOfficialArguments(AstTestSupport.arguments(args)));
		assertEquals("ast", b.architecture());
		assertEquals(128, b.sizeRule().multiple());
		assertFalse(b.sizeRule().square());
		assertTrue(b.sizeRule().accepts(128, 384));
		assertFalse(b.sizeRule().accepts(128, 200));
		assertEquals(1, AstConfig.astB(1).inputChannels());
	}

	@Test
	void roundTripAndNumberTypes() {
		for (final AstConfig c : List.of(AstConfig.astB(3), AstConfig.astB(1), AstTestSupport.astConfig(
			"c_leff_img64_window4")))
			assertEquals(c, AstConfig.fromOfficialArguments(c.officialArguments()));
		final Map<String, Object> args = new HashMap<>();
		args.put("img_size", 128L);
		args.put("embed_dim", 32.0);
		args.put("win_size", 8);
		args.put("token_mlp", "frfn");
		args.put("token_projection", "linear");
		args.put("depths", new long[] { 1, 2, 8, 8, 2, 8, 8, 2, 1 });
		args.put("dd_in", 3.0f);
		args.put("drop_path_rate", 0.1);
		args.put("qk_scale", null);
		args.put("shift_flag", true);
		assertEquals(AstConfig.astB(3), AstConfig.fromOfficialArguments(args));
	}

	@Test
	void rejectsUnsupported() {
		assertRejected(Map.of("token_projection", "conv"), "token_projection");
		assertRejected(Map.of("token_mlp", "ffn"), "token_mlp");
		assertRejected(Map.of("token_mlp", "gdfn"), "token_mlp");
		assertRejected(Map.of("qk_scale", 0.5), "qk_scale");
		assertRejected(Map.of("shift_flag", false), "shift_flag");
		assertRejected(Map.of("img_sz", 128), "img_sz");
		assertRejected(Map.of("img_size", 128.5), "img_size");
		assertRejected(Map.of("depths", List.of(1, 2, 3)), "depths");
		assertRejected(Map.of("num_heads", List.of(1, 2, 4, 8, 16, 16, 8, 4, 3)), "heads");
		assertRejected(Map.of("dd_in", 3, "in_chans", 1), "in_chans");
		assertRejected(Map.of("embed_dim", 2, "token_mlp", "frfn"), "embed_dim");
	}

	private static void assertRejected(final Map<String, ?> args, final String mention) {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> AstConfig.fromOfficialArguments(new LinkedHashMap<>(args)), args.toString());
		assertTrue(e.getMessage().contains(mention), e.getMessage());
	}

	/**
	 * The AST_B graph declares exactly the keys and shapes of the official full-size state dict (the key
	 * listing of the released SPAD model, {@code reference/keys/ast_spad_keys.json}), 65,362,455 parameters.
	 */
	@Test
	void astBDeclaresTheOfficialStateDict() throws IOException {
		final Map<String, long[]> shapes = new LinkedHashMap<>();
		for (final ReferenceFixtures.KeySpec k : ReferenceFixtures.keyListing(AstTestSupport.astBKeyListing()))
			shapes.put(k.key(), k.shape());
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final ParameterStore ps = new ParameterStore(tf);
			AstConfig.astB(3).build(new Layers(tf, ps), tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1,
				-1, -1, 3))));
			ps.check(new MapWeightSource(shapes, 0), "ast_spad_keys", null);
			assertEquals(65_362_455L, ps.parameterCount());
			assertEquals(611 - 21, ps.parameters().size());
		}
	}

	/**
	 * Parameter counts of the fixture configurations, and their graphs declare exactly the keys and shapes
	 * of the official checkpoints' state dicts (read through the checkpoint reader).
	 */
	@Test
	void fixtureParameterCountsAndKeys() {
		for (final ReferenceFixtures.Config c : AstTestSupport.configs())
			try (Graph g = new Graph(); PthCheckpoint ckpt = PthCheckpoint.open(AstTestSupport.checkpoint(c.name()))) {
				final Ops tf = Ops.create(g);
				final ParameterStore ps = new ParameterStore(tf);
				final AstConfig config = AstTestSupport.astConfig(c.name());
				config.build(new Layers(tf, ps), tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1,
					config.inputChannels()))));
				assertEquals(c.manifest().get("param_count").getAsLong(), ps.parameterCount(), c.name());
				ps.check(new StateDictWeights(ckpt.stateDict()), ckpt.file().toString(), null);
			}
	}
}
