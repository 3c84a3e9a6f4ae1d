package org.restorej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ij.ImagePlus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.ij1.MacroExtensions;
import org.restorej.imagej.TiffFiles;
import org.restorej.restore.DeclaringModels;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.TestImages;
import org.restorej.worker.WorkerImageRestorer;
import org.scijava.command.CommandModule;

/**
 * {@code normalize=auto} in Fiji's commands and the macro extensions (through the worker): the default
 * applies what the model declares, an explicit choice overrides it, a recorded line replays; the worker's
 * off-scale warning reaches the caller.
 */
class NormalizeAutoCommandsTest {

	private static final String TILING = "tile=32 halo=8";

	static HeadlessCommands scijava;

	@TempDir
	static Path dir;

	static Path model;

	@BeforeAll
	static void context() {
		scijava = new HeadlessCommands();
		model = DeclaringModels.percentile(dir);
	}

	@AfterAll
	static void dispose() {
		scijava.close();
	}

	private static float[] local(final ImagePlus in, final String options) {
		return TestImages.samples(new org.restorej.restore.local.LocalImageRestorer(model).restore(in, RestoreSettings
			.parse(options), RunMonitor.SILENT));
	}

	private static float[] result(final CommandModule m) {
		assertFalse(m.isCanceled(), m.getCancelReason());
		return TestImages.samples((ImagePlus) m.getOutput("result"));
	}

	private static double maxDifference(final float[] a, final float[] b) {
		double d = 0;
		for (int i = 0; i < a.length; i++)
			d = Math.max(d, Math.abs(a[i] - b[i]));
		return d;
	}

	@Test
	void restoreImageAppliesTheDeclarationUnlessTheNormalizationIsChosen() throws Exception {
		final ImagePlus in = TestImages.grey16("cells.tif", 61, 47, 41);
		final float[] percentile = local(in, TILING + " normalize=percentile percentiles=2,98");
		final float[] range = local(in, TILING + " normalize=range");
		assertTrue(maxDifference(percentile, range) > 100, "the two normalisations give different results");
		final CommandModule auto = scijava.run(RestoreImageCommand.class, FijiCommandsTest.inputs(model,
			"image", in));
		TestImages.assertClose(percentile, result(auto), "default: as the model declares");
		assertEquals("auto", auto.getInput("normalize"));
		TestImages.assertClose(range, result(scijava.run(RestoreImageCommand.class, FijiCommandsTest.inputs(
			model, "image", in, "normalize", "range"))), "normalize=range overrides it");
	}

	@Test
	void aRecordedLineReplaysWithAutoAndAnOldOneWithRange() throws Exception {
		final ImagePlus in = TestImages.grey16("cells.tif", 61, 47, 42);
		final CommandModule first = scijava.run(RestoreImageCommand.class, FijiCommandsTest.inputs(model,
			"image", in));
		// what the recorder writes: every restoration parameter with its value
		final StringBuilder line = new StringBuilder();
		for (final String key : RestoreSettings.defaults().toMap().keySet())
			line.append(key).append('=').append(first.getInput(key)).append(' ');
		assertTrue(line.toString().contains("normalize=auto"), line.toString());
		final RestoreSettings recorded = RestoreSettings.parse(line.toString());
		assertEquals(RestoreSettings.Normalize.AUTO, recorded.normalize());
		final Map<String, Object> replay = new HashMap<>(recorded.toMap());
		replay.put("model", model.toString());
		replay.put("image", in);
		TestImages.assertClose(result(first), result(scijava.run(RestoreImageCommand.class, replay)),
			"replayed");
		final Map<String, Object> old = new HashMap<>(RestoreSettings.parse(TILING + " normalize=range " +
			"percentiles=1,99.8 range=type").toMap());
		old.put("model", model.toString());
		old.put("image", in);
		TestImages.assertClose(local(in, TILING + " normalize=range"), result(scijava.run(
			RestoreImageCommand.class, old)), "a line recorded before auto existed");
	}

	@Test
	void restoreFolderAppliesTheDeclaration() throws Exception {
		final Path in = Files.createDirectories(dir.resolve("folder-in")), out = dir.resolve("folder-out");
		TiffFiles.save(TestImages.grey16("a.tif", 40, 30, 43), in.resolve("a.tif"), false);
		final CommandModule m = scijava.run(RestoreFolderCommand.class, FijiCommandsTest.inputs(model,
			"input", in.toFile(), "output", out.toFile()));
		assertFalse(m.isCanceled(), m.getCancelReason());
		TestImages.assertClose(local(TiffFiles.open(in.resolve("a.tif")), TILING + " normalize=percentile " +
			"percentiles=2,98"), TestImages.samples(TiffFiles.open(out.resolve("a.tif"))), "a.tif");
	}

	@Test
	void theMacroExtensionAppliesTheDeclarationUnlessTheNormalizationIsChosen() throws Exception {
		final Path in = dir.resolve("macro.tif");
		TiffFiles.save(TestImages.grey16("macro.tif", 40, 30, 44), in, false);
		final Path auto = dir.resolve("macro-auto.tif"), range = dir.resolve("macro-range.tif");
		new MacroExtensions().handleExtension("restoreFile", new Object[] { model.toString(), in.toString(), auto
			.toString(), TILING });
		new MacroExtensions().handleExtension("restoreFile", new Object[] { model.toString(), in.toString(), range
			.toString(), TILING + " normalize=range" });
		final ImagePlus image = TiffFiles.open(in);
		TestImages.assertClose(local(image, TILING + " normalize=percentile percentiles=2,98"), TestImages.samples(
			TiffFiles.open(auto)), "Ext.restoreFile, default");
		TestImages.assertClose(local(image, TILING + " normalize=range"), TestImages.samples(TiffFiles.open(range)),
			"Ext.restoreFile, normalize=range");
	}

	@Test
	void theWorkersOffScaleWarningReachesTheCaller() {
		final List<String> warnings = new ArrayList<>(), log = new ArrayList<>();
		try (WorkerImageRestorer r = new WorkerImageRestorer(DeclaringModels.offScale(dir))) {
			r.restore(TestImages.grey16("bright.tif", 40, 30, 45), RestoreSettings.parse(TILING), new RunMonitor(p -> {},
				() -> false, log::add, warnings::add));
		}
		assertEquals(1, warnings.size(), warnings + " / log: " + log);
		assertTrue(warnings.get(0).contains("bright.tif") && warnings.get(0).contains("off scale"), warnings.get(0));
		assertTrue(log.stream().noneMatch(m -> m.contains("off scale")), "a warning, not a log line");
	}
}
