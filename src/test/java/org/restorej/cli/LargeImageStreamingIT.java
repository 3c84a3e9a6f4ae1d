package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Random;

import net.imglib2.RandomAccess;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.bench.SyntheticTiff;
import org.restorej.engine.Axes;
import org.restorej.engine.Restorer;
import org.restorej.bench.RandomNetworks;
import org.restorej.bench.SmallConvNet;
import org.restorej.engine.device.ModelLoader;
import org.restorej.engine.device.PlacedModel;
import org.restorej.fiji.ForkedJvm;
import org.restorej.model.ModelDescription;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.local.EngineOptions;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.tiff.SampleType;
import org.restorej.tiff.read.TiffImage;

/**
 * A 16384 x 16384 16-bit image (512 MB of pixels, 1.5 GB with its float copy) restored by the
 * packaged command line in a JVM limited to 512 MB of heap: the streaming path must hold only bands of
 * it. Its result equals restoring the same file in memory, on a sampled region and scattered pixels.
 */
class LargeImageStreamingIT {

	private static final int SIDE = 16384;

	@TempDir
	Path dir;

	@Test
	void a16kSquare16BitImageIsRestoredIn512MBOfHeapAsInMemory() throws Exception {
		final Path model = RandomNetworks.export(new SmallConvNet(1, 1, 8, 2, 8), 20261123L, "large-it-conv",
			new ModelDescription.Tiling(512, 16), dir.resolve("model"));
		final Path in = dir.resolve("large.tif"), out = dir.resolve("large-restored.tif");
		SyntheticTiff.write(in, SIDE, SIDE, SampleType.UINT16, true);
		final Path jar = Paths.get("target/restorej.jar").toAbsolutePath();
		assertTrue(Files.isRegularFile(jar), "mvn verify packages target/restorej.jar before integration tests");
		final ForkedJvm.Result r = ForkedJvm.run(List.of("-Xmx512m"), List.of(jar), "org.restorej.cli.Main", List.of(
			"restore", "--model", model.toString(), "--output-type", "same", in.toString(), out.toString()), dir, 1800);
		assertEquals(0, r.exitCode(), r.output());
		try (TiffImage input = TiffImage.open(in, 64L << 20); TiffImage restored = TiffImage.open(out, 64L << 20);
			PlacedModel m = ModelLoader.load(model, ExecutionOptions.cpu(), s -> {}))
		{
			assertTrue(restored.info().bigTiff() && restored.info().tiled());
			assertEquals(SampleType.UINT16, restored.info().sampleType());
			final Img<UnsignedShortType> expected = Restorer.of(m).restoreAsInputType(input.<UnsignedShortType> image(),
				Axes.of("XYCZT"), EngineOptions.restore(RestoreSettings.defaults(), SIDE, SIDE, "large", RunMonitor.SILENT));
			final RandomAccess<UnsignedShortType> e = expected.randomAccess();
			final RandomAccess<UnsignedShortType> a = restored.<UnsignedShortType> image().randomAccess();
			// a block across tile borders (engine tiles of 512, file tiles of 256) ...
			int compared = 0;
			for (int y = 8000; y < 8600; y++)
				for (int x = 7900; x < 8700; x++, compared++)
					assertSample(e, a, x, y);
			// ... the image's edges and corners, and pixels all over it
			final Random random = new Random(7);
			for (int i = 0; i < 20000; i++, compared++) {
				final int edge = i % 4;
				final int x = edge == 0 ? 0 : edge == 1 ? SIDE - 1 : random.nextInt(SIDE);
				final int y = edge == 2 ? 0 : edge == 3 ? SIDE - 1 : random.nextInt(SIDE);
				assertSample(e, a, x, y);
			}
			assertEquals(500_000, compared);
		}
	}

	private static void assertSample(final RandomAccess<UnsignedShortType> e, final RandomAccess<UnsignedShortType> a,
		final int x, final int y)
	{
		e.setPosition(new long[] { x, y, 0, 0, 0 });
		a.setPosition(new long[] { x, y, 0, 0, 0 });
		assertEquals(e.get().get(), a.get().get(), () -> "pixel " + x + "," + y);
	}
}
