package org.restorej.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.ReferenceFixtures;
import org.restorej.array.NhwcArray;
import org.restorej.engine.OfficialSizeHandling;
import org.restorej.io.Npy;
import org.restorej.io.NpyArray;
import org.restorej.model.ModelDescription;
import org.restorej.runtime.Difference;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;

/**
 * Every reference configuration, checkpoint wrapper and case, the way a user gets there: import the
 * official checkpoint with the official constructor arguments, write the SavedModel, load it back from
 * disk, run it with the official size handling, and compare with PyTorch's float64 output.
 */
class ReferenceFixtureTest {

	@TempDir
	static Path models;

	@TestFactory
	Stream<DynamicNode> everyFixtureThroughImportSavedModelAndReload() throws IOException {
		final List<DynamicNode> sets = new ArrayList<>();
		for (final Path root : ReferenceFixtures.roots()) {
			final List<DynamicNode> configs = new ArrayList<>();
			for (final ReferenceFixtures.Config config : ReferenceFixtures.configs(root))
				for (final Path checkpoint : config.checkpoints())
					configs.add(DynamicContainer.dynamicContainer(config + " " + checkpoint.getFileName(), Stream.of(
						DynamicTest.dynamicTest("import, export, reload, run every case", () -> check(config,
							checkpoint)))));
			sets.add(DynamicContainer.dynamicContainer(root.toString(), configs));
		}
		return sets.stream();
	}

	private static void check(final ReferenceFixtures.Config config, final Path checkpoint) throws IOException {
		final Path out = models.resolve(config.root().hashCode() + "-" + config.name() + "-" + checkpoint
			.getFileName());
		final ModelDescription d = CheckpointImporter.run(new CheckpointImporter.Request(checkpoint, out, null,
			config.architecture(), config.arguments(), config.name(), false), line -> {});
		assertEquals(config.manifest().get("param_count").getAsLong(), d.source().parameters());
		assertTrue(Files.isRegularFile(out.resolve("saved_model/saved_model.pb")));
		final List<JsonObject> cases = config.cases();
		assertFalse(cases.isEmpty(), "no case for " + config);
		try (LoadedModel model = LoadedModel.load(out, ExecutionOptions.cpu())) {
			for (final JsonObject c : cases) {
				final NpyArray input = Npy.read(config.dir().resolve(c.get("input_file").getAsString()));
				final NpyArray expected = Npy.read(config.dir().resolve(c.get("output_f64_file").getAsString()));
				final NhwcArray x = NhwcArray.fromNchw(input.floats(), 1, input.dim(1), input.dim(2), input.dim(3));
				final NhwcArray y = c.has("kind") && c.get("kind").getAsString().equals("tiles")
					? ReferenceFixtures.officialTiles(x, c.getAsJsonObject("tiling"), crops -> crops.stream().map(
						model::run).toList()) : OfficialSizeHandling.predict(model, x);
				assertArrayEquals(expected.shape(), y.nchwShape(), config + " " + c.get("name"));
				final Difference diff = Difference.between(y.toNchw(), expected.values());
				System.out.println("reference " + config + " " + checkpoint.getFileName() + " " + c.get("name")
					.getAsString() + ": " + diff);
				assertTrue(diff.maxAbs() <= ReferenceFixtures.MAX_ABS && diff.relL2() <= ReferenceFixtures.REL_L2,
					config + " " + checkpoint.getFileName() + " case " + c.get("name") + ": " + diff);
			}
		}
	}
}
