package org.restorej.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.restorej.bench.HaloCurve;
import org.restorej.bench.RandomNetworks;
import org.restorej.bench.SmallConvNet;
import org.restorej.model.ModelDescription;
import org.restorej.nn.NetworkConfig;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;

/**
 * Random-weight model folders shared by the engine tests, exported once per test run (exporting and
 * loading a session costs seconds) and deleted at exit.
 */
final class TestModels {

	/** 1 channel, 3 layers of 3x3 (reach 3), sizes a multiple of 8. */
	static final SmallConvNet GREY = new SmallConvNet(1, 1, 8, 3, 8);
	/** The same with no size rule, so tiles may start anywhere. */
	static final SmallConvNet GREY_ANY_SIZE = new SmallConvNet(1, 1, 8, 3, 1);
	static final SmallConvNet RGB = new SmallConvNet(3, 3, 8, 3, 8);
	/** Six channels in (two RGB views), three out, like the dual-pixel Restormer. */
	static final SmallConvNet DUAL_PIXEL = new SmallConvNet(6, 3, 8, 3, 8);

	private static final Map<String, LoadedModel> LOADED = new HashMap<>();
	private static Path root;

	private TestModels() {}

	static synchronized LoadedModel conv(final SmallConvNet config) {
		return load("conv-" + config.inputChannels() + "-" + config.outputChannels() + "-" + config.multiple(), config,
			new ModelDescription.Tiling(64, 8));
	}

	/**
	 * Restormer of the fixtures' size (dim 8, one block per level), grey, random weights, the final
	 * layer scaled so that it corrects the test pattern by {@link HaloCurve#RESIDUAL} rms.
	 */
	static synchronized LoadedModel restormer() {
		return LOADED.computeIfAbsent("restormer", n -> {
			try {
				return LoadedModel.load(HaloCurve.randomRestormer(root().resolve(n), HaloCurve.RESIDUAL), ExecutionOptions
					.cpu());
			}
			catch (final IOException e) {
				throw new UncheckedIOException(e);
			}
		});
	}

	/**
	 * AST of about the fixtures' size (embed dim 8, one block per layer, sides a multiple of 128), RGB,
	 * random weights, its correction of the test pattern scaled to {@link HaloCurve#RESIDUAL} rms.
	 */
	static synchronized LoadedModel ast() {
		return LOADED.computeIfAbsent("ast", n -> {
			try {
				return LoadedModel.load(HaloCurve.randomAst(root().resolve(n), HaloCurve.RESIDUAL), ExecutionOptions.cpu());
			}
			catch (final IOException e) {
				throw new UncheckedIOException(e);
			}
		});
	}

	private static LoadedModel load(final String name, final NetworkConfig config,
		final ModelDescription.Tiling tiling)
	{
		return LOADED.computeIfAbsent(name, n -> {
			try {
				final Path dir = RandomNetworks.export(config, 20260101L, n, tiling, root().resolve(n));
				return LoadedModel.load(dir, ExecutionOptions.cpu());
			}
			catch (final IOException e) {
				throw new UncheckedIOException(e);
			}
		});
	}

	private static Path root() throws IOException {
		if (root == null) {
			root = Files.createTempDirectory("restorej-engine-tests");
			Runtime.getRuntime().addShutdownHook(new Thread(TestModels::cleanUp));
		}
		return root;
	}

	private static synchronized void cleanUp() {
		LOADED.values().forEach(LoadedModel::close);
		try (Stream<Path> s = Files.walk(root)) {
			s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (final IOException e) {
			// temporary files only
		}
	}
}
