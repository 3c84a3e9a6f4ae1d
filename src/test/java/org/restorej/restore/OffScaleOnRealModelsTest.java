package org.restorej.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.export.CheckpointImporter;
import org.restorej.imagej.TiffFiles;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.restore.local.LocalImageRestorer;

/**
 * The off-scale warning on real networks: quiet on the bundled models' samples with their declared normalisation,
 * and on an imported official-format checkpoint.
 */
class OffScaleOnRealModelsTest {

	private static List<String> warnings(final Path model, final ImagePlus image, final String options) {
		final List<String> w = new ArrayList<>();
		try (LocalImageRestorer r = new LocalImageRestorer(model)) {
			r.restore(image, RestoreSettings.parse(options), new RunMonitor(p -> {}, () -> false, m -> {}, w::add));
		}
		return w;
	}

	@Test
	void quietOnTheBundledSamples() {
		assertEquals(List.of(), warnings(Path.of("models/restormer-fluorescence-denoising"), TiffFiles.open(Path.of(
			"models/samples/fluorescence-denoising-noisy.tif")), "tile=256"));
		assertEquals(List.of(), warnings(Path.of("models/ast-fluorescence-restoration"), TiffFiles.open(Path.of(
			"models/samples/fluorescence-restoration-degraded.tif")), "tile=256"));
	}

	@Test
	void anImportedOfficialCheckpointDeclaresTheTypesRangeAndRestoresQuietly(@TempDir final Path dir)
		throws Exception
	{
		final Path model = dir.resolve("tiny");
		CheckpointImporter.run(new CheckpointImporter.Request(Path.of("models/demo/restormer-tiny-random.pth"), model,
			null, null, null, "tiny", false), m -> {});
		assertTrue(Files.readString(model.resolve(ModelDescription.FILE_NAME)).matches("(?s).*\"normalization\": \\{\\s*" +
			"\"method\": \"type\".*"), "model.json declares what the official test scripts do");
		assertEquals(ModelDescription.Normalization.typeRange(), ModelDescriptions.read(model).normalization());
		assertEquals(List.of(), warnings(model, TestImages.rgb("photo.tif", 64, 48, 3), "tile=none"));
	}
}
