package org.restorej.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.model.ModelDescription;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;
import org.restorej.runtime.ModelVerifier;

/**
 * One bench package: what {@code restorej bench} runs is in the product, the fixtures only tests use are in
 * the test sources, and there is no second bench package.
 */
class BenchPackageTest {

	@Test
	void testFixturesAreNotInTheProduct() throws ClassNotFoundException {
		final Path productClasses = Path.of(location(NetworkBenchmark.class));
		for (final String name : new String[] { "bench.RandomNetworks", "bench.Patterns", "bench.HaloCurve",
			"bench.TilingBenchmark", "bench.ImportBenchmark", "checkpoint.PthWriter", "checkpoint.TorchPickler",
			"checkpoint.TorchZipWriter", "checkpoint.PickleOutput", "data.SyntheticSamples" })
		{
			final Class<?> fixture = Class.forName("org.restorej." + name);
			assertTrue(location(fixture).endsWith("test-classes"), fixture + " is in " + location(fixture));
			final Path inProduct = productClasses.resolve(fixture.getName().replace('.', '/') + ".class");
			assertFalse(Files.exists(inProduct), "the product holds " + inProduct);
		}
		for (final Class<?> product : new Class<?>[] { NetworkBenchmark.class, LargeImageBenchmark.class,
			HeapWatch.class, SmallConvNet.class })
			assertTrue(location(product).equals(productClasses.toString()), product + " is in " + location(product));
		assertThrows(ClassNotFoundException.class, () -> Class.forName("org.restorej.engine.bench.SmallConvNet"));
	}

	@Test
	void theStreamingBenchmarksNetworkExportsAWorkingModelFolder(@TempDir final Path dir) throws Exception {
		final Path folder = LargeImageBenchmark.NETWORK.exportRandom(7, "bench-conv", new ModelDescription.Tiling(64,
			8), dir.resolve("m"));
		try (LoadedModel m = LoadedModel.load(folder, ExecutionOptions.cpu())) {
			assertEquals("bench-conv", m.description().name());
			assertTrue(ModelVerifier.verify(m).passed());
		}
	}

	private static String location(final Class<?> c) {
		try {
			return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		}
		catch (final Exception e) {
			throw new AssertionError(e);
		}
	}
}
