package org.restorej.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.restorej.ReferenceFixtures;
import org.restorej.checkpoint.PthCheckpoint;
import org.restorej.checkpoint.TensorEntry;
import org.restorej.export.ModelExporter;
import org.restorej.nn.Architectures;
import org.restorej.nn.NetworkConfig;

/**
 * The import benchmark on small configurations of the reference fixtures: its checkpoint has the keys,
 * shapes, dtypes, wrapper and prefix of the official one (the fixture written by PyTorch), and the
 * import produces a SavedModel and figures.
 */
class ImportBenchmarkTest {

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "restormer/r_a_rgb_withbias", "ast/c_leff_img64_window4" })
	void smallConfigInTheOfficialLayout(final String fixture) throws Exception {
		final String arch = fixture.substring(0, fixture.indexOf('/'));
		final ReferenceFixtures.Config c = ReferenceFixtures.configs(ReferenceFixtures.bundled()).stream().filter(
			x -> (x.architecture() + "/" + x.manifest().get("dir").getAsString()).equals(fixture)).findFirst()
			.orElseThrow();
		final NetworkConfig config = Architectures.fromOfficialArguments(arch, c.arguments());
		final ImportBenchmark.Figures f = ImportBenchmark.run("small", config, null, dir, null);

		final Path written = dir.resolve("small.pth");
		try (PthCheckpoint ours = PthCheckpoint.open(written); PthCheckpoint official = PthCheckpoint.open(c.dir()
			.resolve("ckpt_official.pth")))
		{
			assertEquals(official.wrapper(), ours.wrapper());
			assertEquals(official.hadModulePrefix(), ours.hadModulePrefix());
			assertEquals(Set.copyOf(official.stateDict().keys()), Set.copyOf(ours.stateDict().keys()));
			for (final TensorEntry t : official.stateDict().entries()) {
				final TensorEntry o = ours.stateDict().get(t.key());
				assertEquals(t.dtype(), o.dtype(), t.key());
				assertArrayEquals(t.shape(), o.shape(), t.key());
				if (t.key().endsWith("relative_position_index"))
					assertArrayEquals(t.readLongs(), o.readLongs(), "the buffer as PyTorch computes it");
			}
			assertEquals(official.stateDict().size(), f.tensors());
		}
		assertTrue(Files.isDirectory(dir.resolve("small").resolve(ModelExporter.SAVED_MODEL_DIR)));
		assertEquals(Files.size(written), f.checkpointBytes());
		assertTrue(f.importSeconds() > 0 && f.peakHeapBytes() > 0 && f.sampledPeakHeapBytes() > 0, f.toString());
		assertTrue(f.toString().contains("x weights"), f.toString());
		if (arch.equals("ast")) // weights, exp_avg and exp_avg_sq
			assertTrue(f.checkpointBytes() > 3 * f.weightBytes(), f.toString());
	}
}
