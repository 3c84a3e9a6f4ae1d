package org.restorej.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import ij.ImagePlus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.restore.local.LocalImageRestorer;

/**
 * {@code normalize=auto}, the settings' default, in this JVM: what a model folder declares, and for a
 * format 1 folder the pixel type's range as before; an explicit method overrides it.
 */
class NormalizeAutoTest {

	@TempDir
	static Path dir;

	private static float[] restore(final Path model, final ImagePlus image, final String options) {
		try (LocalImageRestorer r = new LocalImageRestorer(model)) {
			return TestImages.samples(r.restore(image, RestoreSettings.parse(options), RunMonitor.SILENT));
		}
	}

	@Test
	void autoIsTheDefaultAndReadsBackFromItsOptions() {
		assertEquals(RestoreSettings.Normalize.AUTO, RestoreSettings.defaults().normalize());
		assertEquals("auto", RestoreSettings.defaults().toMap().get("normalize"));
		assertEquals(RestoreSettings.defaults(), RestoreSettings.parse(RestoreSettings.defaults().toOptions()));
		// a recorded line of before keeps its meaning
		assertEquals(RestoreSettings.Normalize.RANGE, RestoreSettings.parse("normalize=range percentiles=1,99.8 " +
			"range=type").normalize());
	}

	@Test
	void aDeclaredPercentileIsAppliedByDefault() {
		final Path model = DeclaringModels.percentile(dir);
		final ImagePlus in = TestImages.grey16("cells.tif", 61, 47, 31);
		final float[] auto = restore(model, in, "tile=32 halo=8");
		assertArrayEquals(restore(model, in, "tile=32 halo=8 normalize=percentile percentiles=2,98"), auto);
		assertFalse(Arrays.equals(restore(model, in, "tile=32 halo=8 normalize=range"), auto), "the type's range " +
			"differs: the test can tell");
		// with auto, percentiles= does not replace the model's own (it applies to normalize=percentile only)
		assertArrayEquals(auto, restore(model, in, "tile=32 halo=8 normalize=auto percentiles=1,99.8"));
	}

	@Test
	void explicitMethodsOverrideTheDeclaration() {
		final Path model = DeclaringModels.percentile(dir);
		final ImagePlus in = TestImages.grey16("cells.tif", 61, 47, 31);
		assertArrayEquals(restore(SmallModels.grey(), in, "tile=32 halo=8 normalize=range range=100,40000"), restore(
			model, in, "tile=32 halo=8 normalize=range range=100,40000"));
		assertArrayEquals(restore(SmallModels.grey(), in, "tile=32 halo=8 normalize=none"), restore(model, in,
			"tile=32 halo=8 normalize=none"));
	}

	@Test
	void aFormatOneFolderRestoresAsBefore() throws Exception {
		final Path model = DeclaringModels.formatOne(dir);
		assertFalse(Files.readString(model.resolve(ModelDescription.FILE_NAME)).contains("normalization"));
		assertEquals(ModelDescription.FORMAT_1, ModelDescriptions.read(model).format());
		final ImagePlus in = TestImages.grey16("cells.tif", 61, 47, 32);
		final float[] before = restore(model, in, "tile=32 halo=8 normalize=range range=type");
		assertArrayEquals(before, restore(model, in, "tile=32 halo=8"));
		assertTrue(before.length > 0);
	}
}
