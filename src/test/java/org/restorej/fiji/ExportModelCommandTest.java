package org.restorej.fiji;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipFile;

import ij.ImagePlus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.ij1.MacroExtensions;
import org.restorej.restore.SmallModels;
import org.restorej.restore.TestImages;
import org.scijava.command.CommandModule;

/**
 * Export Model (headless, through the worker) and the macros' Ext.exportModel write a bioimage.io package,
 * and Restore Image runs that package as it runs the model folder.
 */
class ExportModelCommandTest {

	@TempDir
	static Path dir;
	static HeadlessCommands scijava;

	@BeforeAll
	static void context() {
		System.setProperty("restorej.cache", dir.resolve("cache").toString());
		scijava = new HeadlessCommands();
	}

	@AfterAll
	static void dispose() {
		scijava.close();
	}

	@Test
	void exportsAPackageThatRestoresAsTheFolderDoes() throws Exception {
		final Path zip = dir.resolve("grey.zip");
		final CommandModule m = scijava.run(ExportModelCommand.class, Map.of("model", SmallModels.grey().toString(),
			"output", zip.toFile()));
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertTrue(((String) m.getOutput("report")).contains("format 0.5"));
		try (ZipFile z = new ZipFile(zip.toFile())) {
			assertTrue(z.getEntry("rdf.yaml") != null && z.getEntry("tf_saved_model_bundle.zip") != null);
		}
		final ImagePlus in = TestImages.grey16("cells.tif", 40, 32, 5);
		final float[] viaFolder = restored(SmallModels.grey().toString(), in);
		org.junit.jupiter.api.Assertions.assertArrayEquals(viaFolder, restored(zip.toString(), in));
		final CommandModule again = scijava.run(ExportModelCommand.class, Map.of("model", SmallModels.grey().toString(),
			"output", zip.toFile()));
		assertTrue(again.getCancelReason().contains("overwrite"), again.getCancelReason());
	}

	@Test
	void theMacroExtensionExportsToo() throws Exception {
		final Path zip = dir.resolve("macro.zip");
		new MacroExtensions().handleExtension("exportModel", new Object[] { SmallModels.grey().toString(), zip
			.toString(), "format=bioimageio overwrite=true" });
		assertTrue(Files.size(zip) > 0);
	}

	private static float[] restored(final String model, final ImagePlus in) throws Exception {
		final CommandModule m = scijava.run(RestoreImageCommand.class, Map.of("model", model, "image", in, "tile", "32",
			"halo", "8"));
		assertFalse(m.isCanceled(), m.getCancelReason());
		return TestImages.samples((ImagePlus) m.getOutput("result"));
	}
}
