package org.restorej.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.restorej.ReferenceFixtures;
import org.restorej.ReferenceFixtures.KeySpec;

/**
 * Checkpoints written by PyTorch 1.13, from the bundled reference fixtures (see
 * src/test/resources/reference/README.md): config r_a of Restormer in its three wrappers, and AST config
 * c with the optimizer's storages trimmed away. Expected numbers were computed independently (numpy over
 * the raw zip entries).
 */
class RealCheckpointFixtureTest {

	private static final Path RESTORMER = ReferenceFixtures.bundled().resolve("restormer/r_a_rgb_withbias");
	private static final String OFFICIAL = "ckpt_official.pth";
	private static final String MODULE_PREFIX = "ckpt_module_prefix.pth";
	private static final String BARE = "ckpt_bare_state_dict.pth";
	private static final Path AST_DIR = ReferenceFixtures.bundled().resolve("ast/c_leff_img64_window4");
	private static final Path AST = AST_DIR.resolve("ckpt_official.pth");

	/** A checkpoint file of Restormer config r_a. */
	static Path restormer(final String file) {
		return RESTORMER.resolve(file);
	}

	static void assertMatchesListing(final List<KeySpec> expected, final StateDict sd) {
		assertEquals(expected.stream().map(KeySpec::key).collect(Collectors.toList()), new ArrayList<>(sd.keys()),
			"keys in file order");
		for (final KeySpec spec : expected) {
			final TensorEntry t = sd.get(spec.key());
			assertArrayEquals(spec.shape(), t.shape(), spec.key());
			assertEquals(spec.dtype(), t.dtype().dtypeName(), spec.key());
			assertEquals(spec.key(), t.key());
		}
	}

	private static double sum(final float[] values) {
		double s = 0;
		for (final float v : values)
			s += v;
		return s;
	}

	@ParameterizedTest
	@ValueSource(strings = { OFFICIAL, MODULE_PREFIX, BARE })
	void restormerKeysShapesAndDtypesMatchTheKeyListing(final String fixture) throws IOException {
		final List<KeySpec> expected = ReferenceFixtures.keyListing(restormer("state_dict_keys.json"));
		assertEquals(98, expected.size());
		try (PthCheckpoint ckpt = PthCheckpoint.open(restormer(fixture))) {
			assertMatchesListing(expected, ckpt.stateDict());
			assertEquals(98, ckpt.stateDict().size());
			assertNull(ckpt.stateDict().get("_metadata"), "_metadata is bookkeeping, not a tensor");
			assertNull(ckpt.stateDict().get("no.such.key"));
		}
	}

	@Test
	void restormerWrappersAndPrefixesAreRecognised() {
		try (PthCheckpoint official = PthCheckpoint.open(restormer(OFFICIAL));
			PthCheckpoint prefixed = PthCheckpoint.open(restormer(MODULE_PREFIX));
			PthCheckpoint bare = PthCheckpoint.open(restormer(BARE)))
		{
			assertEquals("{'params': state_dict}", official.wrapper());
			assertFalse(official.hadModulePrefix());
			assertEquals("{'params': state_dict}", prefixed.wrapper());
			assertTrue(prefixed.hadModulePrefix());
			assertTrue(prefixed.stateDict().contains("patch_embed.proj.weight"));
			assertFalse(prefixed.stateDict().contains("module.patch_embed.proj.weight"));
			assertEquals("bare state dict", bare.wrapper());
			assertFalse(bare.hadModulePrefix());
			assertEquals(restormer(BARE), bare.file());
		}
	}

	@Test
	void restormerWrapperVariantsHoldIdenticalTensors() {
		try (PthCheckpoint official = PthCheckpoint.open(restormer(OFFICIAL));
			PthCheckpoint prefixed = PthCheckpoint.open(restormer(MODULE_PREFIX));
			PthCheckpoint bare = PthCheckpoint.open(restormer(BARE)))
		{
			for (final String key : official.stateDict().keys()) {
				final float[] expected = official.stateDict().get(key).readFloats();
				assertEquals(official.stateDict().get(key).numel(), expected.length);
				assertArrayEquals(expected, prefixed.stateDict().get(key).readFloats(), key);
				assertArrayEquals(expected, bare.stateDict().get(key).readFloats(), key);
			}
		}
	}

	@Test
	void restormerValuesMatchIndependentlyComputedNumbers() {
		try (PthCheckpoint ckpt = PthCheckpoint.open(restormer(OFFICIAL))) {
			final StateDict sd = ckpt.stateDict();
			final float[] patch = sd.get("patch_embed.proj.weight").readFloats();
			assertEquals(8 * 3 * 3 * 3, patch.length);
			assertArrayEquals(new float[] { -0.25605636835098267f, -0.006579845678061247f, 0.09578540921211243f,
				-0.32293805480003357f }, Arrays.copyOf(patch, 4));
			assertEquals(0.2606870154850185, sum(patch), 1e-12);
			assertArrayEquals(new float[] { 0.5878753662109375f },
				sd.get("encoder_level1.0.attn.temperature").readFloats());
			final float[] output = sd.get("output.weight").readFloats();
			assertArrayEquals(new float[] { 0.041865766048431396f, -0.06747998297214508f, 0.028911234810948372f,
				0.0841764286160469f }, Arrays.copyOf(output, 4));
			assertEquals(1.751152504235506, sum(output), 1e-12);
			double total = 0;
			for (final TensorEntry t : sd.entries())
				total += sum(t.readFloats());
			assertEquals(435.58481175711495, total, 1e-9);
		}
	}

	@Test
	void astCheckpointIsUnwrappedAndLosesItsModulePrefix() throws IOException {
		try (PthCheckpoint ckpt = PthCheckpoint.open(AST)) {
			assertEquals("{'epoch': ..., 'state_dict': state_dict, 'optimizer': ...}", ckpt.wrapper());
			assertTrue(ckpt.hadModulePrefix());
			assertMatchesListing(ReferenceFixtures.keyListing(AST_DIR.resolve("state_dict_keys.json")), ckpt.stateDict());
			assertEquals(147, ckpt.stateDict().size());
		}
	}

	/**
	 * The fixture lacks the optimizer's storage entries altogether, and the byte counter shows that
	 * only the model's storages were read, and only when asked.
	 */
	@Test
	void astOptimizerStateIsNeverRead() {
		try (PthCheckpoint ckpt = PthCheckpoint.open(AST)) {
			assertEquals(0, ckpt.storageBytesRead(), "opening must not read tensor data");
			assertTrue(ckpt.storagesRead().isEmpty());
			final TensorEntry first = ckpt.stateDict().get("input_proj.proj.0.weight");
			first.readFloats();
			assertEquals(4 * 3 * 3 * 3 * 4, ckpt.storageBytesRead(), "only the requested tensor is read");
			assertEquals(Set.of(first.storage().key()), ckpt.storagesRead());

			final Set<String> modelStorages = new HashSet<>();
			for (final TensorEntry t : ckpt.stateDict().entries()) {
				modelStorages.add(t.storage().key());
				if (t.dtype().isFloatingPoint()) t.readFloats();
				else t.readLongs();
			}
			assertEquals(modelStorages, ckpt.storagesRead());
			assertEquals(147, modelStorages.size());
			assertEquals(945228 + 4 * 3 * 3 * 3 * 4, ckpt.storageBytesRead());
		}
	}

	@Test
	void astValuesMatchIndependentlyComputedNumbers() {
		try (PthCheckpoint ckpt = PthCheckpoint.open(AST)) {
			final StateDict sd = ckpt.stateDict();
			final float[] w = sd.get("input_proj.proj.0.weight").readFloats();
			assertArrayEquals(new float[] { -0.011341345496475697f, -0.0700874775648117f, -0.02588428184390068f,
				-0.03786895424127579f, 0.3635430932044983f, -0.3343842625617981f }, Arrays.copyOf(w, 6));
			assertEquals(0.7837261141685303, sum(w), 1e-12);
			assertArrayEquals(new float[] { -0.12090258300304413f, -0.05822883918881416f, -0.08940044790506363f },
				sd.get("output_proj.proj.0.bias").readFloats());
			double total = 0;
			for (final TensorEntry t : sd.entries())
				if (t.dtype() == StorageType.FLOAT32) total += sum(t.readFloats());
			assertEquals(404.7650077094295, total, 1e-9);
		}
	}

	/** The int64 buffers are Swin-style relative position indices, which can be recomputed. */
	@Test
	void astRelativePositionIndicesMatchTheirDefinition() {
		try (PthCheckpoint ckpt = PthCheckpoint.open(AST)) {
			int checked = 0;
			for (final TensorEntry t : ckpt.stateDict().entries()) {
				if (!t.key().endsWith("attn.relative_position_index")) continue;
				assertEquals(StorageType.INT64, t.dtype());
				final int tokens = (int) t.shape()[0];
				final int window = (int) Math.round(Math.sqrt(tokens));
				assertArrayEquals(relativePositionIndex(window), t.readLongs(), t.key());
				final float[] asFloats = t.readFloats();
				assertEquals(relativePositionIndex(window)[1], (long) asFloats[1]);
				checked++;
			}
			assertTrue(checked >= 5, "fixture has relative position buffers: " + checked);
		}
	}

	private static long[] relativePositionIndex(final int w) {
		final int n = w * w;
		final long[] index = new long[n * n];
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++) {
				final int dy = i / w - j / w + w - 1;
				final int dx = i % w - j % w + w - 1;
				index[i * n + j] = (long) dy * (2 * w - 1) + dx;
			}
		return index;
	}

	@Test
	void readingFloatTensorAsLongsFails() {
		try (PthCheckpoint ckpt = PthCheckpoint.open(restormer(OFFICIAL))) {
			final CheckpointException e = assertThrows(CheckpointException.class,
				() -> ckpt.stateDict().get("output.weight").readLongs());
			assertTrue(e.getMessage().contains("output.weight"), e.getMessage());
		}
	}

	@Test
	void tensorsCannotBeReadAfterClose() {
		final TensorEntry t;
		try (PthCheckpoint ckpt = PthCheckpoint.open(restormer(OFFICIAL))) {
			t = ckpt.stateDict().get("output.weight");
			assertNotNull(t);
		}
		final CheckpointException e = assertThrows(CheckpointException.class, t::readFloats);
		assertTrue(e.getMessage().contains("closed"), e.getMessage());
		assertTrue(e.getMessage().contains(OFFICIAL), e.getMessage());
	}
}
