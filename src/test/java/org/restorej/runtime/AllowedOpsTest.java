package org.restorej.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.bench.RandomNetworks;
import org.restorej.bench.SmallConvNet;
import org.restorej.export.CheckpointImporter;
import org.restorej.model.ModelDescription;
import org.restorej.nn.NetworkConfig;
import org.restorej.nn.ast.AstConfig;
import org.restorej.nn.ast.TokenMlp;
import org.restorej.nn.restormer.RestormerConfig;
import org.restorej.nn.restormer.RestormerConfig.LayerNormType;

/**
 * The allow-list of {@link SavedModelCheck} is exactly the set of ops RestoreJ's own model folders use:
 * both architectures in every variant their configurations switch (Restormer's bias, layer norm and
 * dual-pixel input; AST's token MLP, qkv bias and global residual), the official-checkpoint import, the
 * bundled trained models, and the small convolutional network of the tests and benchmarks. When a
 * network gains an op, this test fails and prints the list to put into {@code allowed-ops.txt}.
 */
class AllowedOpsTest {

	@TempDir
	static Path dir;
	private static final List<Path> FOLDERS = new ArrayList<>();

	@BeforeAll
	static void exportEveryVariant() throws IOException {
		final List<NetworkConfig> variants = new ArrayList<>();
		for (final boolean bias : new boolean[] { false, true })
			for (final LayerNormType norm : LayerNormType.values())
				variants.add(new RestormerConfig(3, 3, 8, new int[] { 1, 1, 1, 1 }, 1, new int[] { 1, 2, 4, 8 }, 2.66, bias,
					norm, false));
		variants.add(new RestormerConfig(6, 3, 8, new int[] { 1, 1, 1, 1 }, 1, new int[] { 1, 2, 4, 8 }, 2.66, false,
			LayerNormType.WITH_BIAS, true));
		for (final TokenMlp mlp : TokenMlp.values())
			for (final int ddIn : new int[] { 1, 3 })
				variants.add(new AstConfig(64, 8, 8, mlp, new int[] { 1, 1, 1, 1, 1, 1, 1, 1, 1 },
					AstConfig.DEFAULT_NUM_HEADS, ddIn, ddIn == 3 ? 3 : 1, 4.0, ddIn == 3));
		variants.add(new SmallConvNet(6, 3, 8, 3, 8));
		for (int i = 0; i < variants.size(); i++)
			FOLDERS.add(RandomNetworks.export(variants.get(i), i, "variant-" + i, new ModelDescription.Tiling(64, 8), dir
				.resolve("variant-" + i)));
		final Path imported = dir.resolve("imported");
		CheckpointImporter.run(new CheckpointImporter.Request(Path.of("models/demo/restormer-tiny-random.pth"),
			imported, null, null, null, null, false), line -> {});
		FOLDERS.add(imported);
		try (Stream<Path> bundled = Files.list(Path.of("models"))) {
			bundled.filter(m -> Files.isRegularFile(m.resolve(ModelDescription.FILE_NAME))).forEach(FOLDERS::add);
		}
	}

	@Test
	void theAllowListIsExactlyTheOpsOfRestoreJsExports() throws IOException {
		final Set<String> used = new TreeSet<>();
		for (final Path folder : FOLDERS)
			used.addAll(SavedModelCheck.ops(folder.resolve("saved_model")));
		used.removeAll(SavedModelCheck.SAVER_OPS);
		assertEquals(used, new TreeSet<>(SavedModelCheck.ALLOWED_OPS), "allowed-ops.txt should list exactly " +
			String.join("\n", used) + "\n");
	}

	@Test
	void everyExportPassesTheCheck() {
		for (final Path folder : FOLDERS) {
			SavedModelCheck.check(folder, folder.resolve("saved_model"));
			try (LoadedModel m = LoadedModel.load(folder, ExecutionOptions.cpu())) {
				assertTrue(ModelVerifier.verify(m).passed(), folder.toString());
			}
			catch (final IOException e) {
				throw new AssertionError(e);
			}
		}
	}
}
