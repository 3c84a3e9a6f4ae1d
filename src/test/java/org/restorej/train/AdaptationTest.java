package org.restorej.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.engine.CancelledException;
import org.restorej.restore.InvalidSettingException;
import org.restorej.array.NhwcArray;
import org.restorej.data.Camera;
import org.restorej.data.SceneFamily;
import org.restorej.data.TiffImages;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;

class AdaptationTest {

	private static final Path BUNDLED = Path.of("models", SelfSupervisedTraining.RESTORMER_BASE);

	/** A 16-bit camera image of 96x96 as a float TIFF of raw values. */
	private static Path noisyImage(final Path dir) {
		final float[] scene = SceneFamily.training().get(0).render(96, 96, 3);
		final float[] raw = new Camera(20, 1.5, 100, 30, 16).acquire(scene, new SplittableRandom(4));
		final Path f = dir.resolve("cells.tif");
		TiffImages.write32Bit(new NhwcArray(1, 96, 96, 1, raw), f);
		return f;
	}

	@Test
	void stepsAreOffAutoOrACountAndAutoGrowsWithTheImage() {
		assertFalse(Adaptation.Steps.parse("off").on());
		assertFalse(Adaptation.Steps.parse("").on());
		assertEquals(250, Adaptation.Steps.parse("250").resolve(123));
		final Adaptation.Steps auto = Adaptation.Steps.parse("auto");
		assertEquals(Adaptation.MIN_AUTO_STEPS, auto.resolve(256 * 256));
		assertEquals(800, auto.resolve(2_000_000));
		assertEquals(Adaptation.MAX_AUTO_STEPS, auto.resolve(100_000_000));
		final InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> Adaptation.Steps.parse(
			"many"));
		assertTrue(e.getMessage().contains("adapt='many'") && e.getMessage().contains("auto"), e.getMessage());
	}

	@Test
	void anAdaptedModelIsAModelFolderThatRestoresAndATemporaryOneIsRemovedAfterUse(@TempDir final Path dir)
		throws Exception
	{
		final Path input = noisyImage(dir);
		final List<Trainer.Progress> progress = new ArrayList<>();
		final Path temporary;
		try (Adaptation.Adapted a = Adaptation.adapt(BUNDLED, input, Adaptation.Steps.parse("4"), null, false,
			progress::add, m -> {}, () -> false))
		{
			temporary = a.temporary();
			assertTrue(Files.isRegularFile(a.model().resolve("model.json")));
			try (LoadedModel m = LoadedModel.load(a.model(), ExecutionOptions.cpu())) {
				final NhwcArray raw = TiffImages.read(input).image();
				assertEquals(96, HeldOutEvaluation.restoreWithDefaults(m, raw, 65535).height());
			}
		}
		assertEquals(4, progress.get(progress.size() - 1).step(), "told after every step");
		assertFalse(Files.exists(temporary), "the temporary model is deleted");
	}

	@Test
	void aSavedAdaptedModelStaysAndACancelLeavesNothing(@TempDir final Path dir) throws Exception {
		final Path input = noisyImage(dir);
		try (Adaptation.Adapted a = Adaptation.adapt(BUNDLED, input, Adaptation.Steps.parse("2"), dir.resolve("mine"),
			false, p -> {}, m -> {}, () -> false))
		{
			assertEquals(dir.resolve("mine"), a.model());
		}
		assertTrue(Files.isRegularFile(dir.resolve("mine").resolve("model.json")), "kept where asked");
		assertThrows(CancelledException.class, () -> Adaptation.adapt(BUNDLED, input, Adaptation.Steps.parse("50"), dir
			.resolve("cancelled"), false, p -> {}, m -> {}, () -> true));
		assertFalse(Files.exists(dir.resolve("cancelled")));
	}

	@Test
	void aCancelledTemporaryAdaptationLeavesNoFolderInTheTemporaryDirectory(@TempDir final Path dir) throws Exception {
		final Path input = noisyImage(dir);
		final Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
		final java.util.function.Supplier<Long> adapted = () -> {
			try (var s = Files.list(tmp)) {
				return s.filter(p -> p.getFileName().toString().startsWith("restorej-adapted-")).count();
			}
			catch (final java.io.IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
		};
		final long before = adapted.get();
		assertThrows(CancelledException.class, () -> Adaptation.adapt(BUNDLED, input, Adaptation.Steps.parse("50"),
			null, false, p -> {}, m -> {}, () -> true));
		assertEquals(before, adapted.get(), "no restorej-adapted-* folder left");
	}
}
