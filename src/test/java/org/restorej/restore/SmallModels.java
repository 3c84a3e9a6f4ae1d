package org.restorej.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.restorej.bench.RandomNetworks;
import org.restorej.bench.SmallConvNet;
import org.restorej.export.ModelExporter;
import org.restorej.model.ModelDescription;

/**
 * Small random-weight convolutional model folders for the front-end tests (exported once per test
 * JVM, deleted at exit): what these tests check is the way images go in and out, not what a network
 * learnt. Sizes a multiple of 8 and a suggested tile of 32 with halo 8, so small test images are
 * still cut into several tiles.
 */
public final class SmallModels {

	private static final Map<String, Path> EXPORTED = new HashMap<>();
	private static Path root;

	private SmallModels() {}

	/** One channel in and out. */
	public static Path grey() {
		return export("grey-conv", new SmallConvNet(1, 1, 8, 3, 8));
	}

	/** Three channels in and out (an RGB model). */
	public static Path rgb() {
		return export("rgb-conv", new SmallConvNet(3, 3, 8, 3, 8));
	}

	/** Six channels in (two RGB views), three out, like the dual-pixel Restormer. */
	public static Path dualPixel() {
		return export("dual-pixel-conv", new SmallConvNet(6, 3, 8, 3, 8));
	}

	private static synchronized Path export(final String name, final SmallConvNet config) {
		return EXPORTED.computeIfAbsent(name, n -> {
			try {
				if (root == null) {
					root = Files.createTempDirectory("restorej-front-end-models");
					final Path r = root;
					Runtime.getRuntime().addShutdownHook(new Thread(() -> {
						try {
							ModelExporter.deleteRecursively(r);
						}
						catch (final IOException e) {
							// temporary files only
						}
					}));
				}
				return RandomNetworks.export(config, 20260401L, n, new ModelDescription.Tiling(32, 8), root.resolve(n));
			}
			catch (final IOException e) {
				throw new UncheckedIOException(e);
			}
		});
	}
}
