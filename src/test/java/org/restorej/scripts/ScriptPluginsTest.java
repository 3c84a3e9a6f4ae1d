package org.restorej.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.codehaus.groovy.jsr223.GroovyScriptEngineFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.imagej.TiffFiles;
import org.restorej.restore.DeclaringModels;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.SmallModels;
import org.restorej.restore.StreamedTiffs;
import org.restorej.restore.TestImages;
import org.restorej.restore.local.LocalImageRestorer;
import org.restorej.tiff.read.TiffImageInfo;
import org.scijava.Context;
import org.scijava.log.LogLevel;
import org.scijava.log.LogListener;
import org.scijava.log.LogService;
import org.scijava.script.ScriptModule;
import org.scijava.script.ScriptService;

/**
 * The script plugins of {@code plugins/}, run as Fiji runs them headless: through SciJava's script
 * service in a plain Context. Fiji's Groovy support (scripting-groovy) is not on Maven Central, so the
 * Groovy language is Groovy's own JSR-223 engine (a test dependency) adapted by SciJava; parameters,
 * services and outputs go through SciJava as in Fiji.
 */
class ScriptPluginsTest {

	static final Path PLUGINS = Paths.get("plugins");

	static Context context;
	static ScriptService scripts;

	@TempDir
	static Path dir;

	@BeforeAll
	static void context() {
		context = new Context();
		scripts = context.service(ScriptService.class);
		scripts.getIndex().add(new GroovyScriptEngineFactory(), false);
	}

	@AfterAll
	static void dispose() {
		context.dispose();
	}

	@Test
	void everyScriptPluginHasATest() throws Exception {
		try (Stream<Path> s = Files.walk(PLUGINS)) {
			assertEquals(List.of(PLUGINS.resolve("RestoreJ/Batch_Restore.groovy")), s.filter(Files::isRegularFile)
				.toList(), "a new script needs a test here");
		}
	}

	@Test
	void batchRestoreScriptRestoresAFolder() throws Exception {
		final Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
		TiffFiles.save(TestImages.calibrated(TestImages.grey16("one.tif", 40, 32, 1)), in.resolve("one.tif"), false);
		TiffFiles.save(TestImages.grey8("two.tif", 24, 24, 2), in.resolve("two.tif"), false);
		final ScriptModule m = scripts.run(PLUGINS.resolve("RestoreJ/Batch_Restore.groovy").toFile(), true, Map.of(
			"input", in.toFile(), "output", out.toFile(), "model", SmallModels.grey().toString(), "options",
			"tile=32 halo=8 type=same", "overwrite", false)).get(5, TimeUnit.MINUTES);
		final String report = (String) m.getOutput("report");
		assertTrue(report != null && report.contains("2 of 2"), String.valueOf(report));
		assertEquals(16, TiffFiles.open(out.resolve("one.tif")).getBitDepth(), "type=same reached the command");
		assertEquals(0.25, TiffFiles.open(out.resolve("one.tif")).getCalibration().pixelWidth);
		assertEquals(8, TiffFiles.open(out.resolve("two.tif")).getBitDepth());
	}

	@Test
	void batchRestoreScriptAppliesTheModelsDeclaredNormalisationByDefault() throws Exception {
		final Path in = Files.createDirectories(dir.resolve("auto-in")), out = dir.resolve("auto-out");
		TiffFiles.save(TestImages.grey16("one.tif", 40, 32, 3), in.resolve("one.tif"), false);
		final Path model = DeclaringModels.percentile(dir);
		final ScriptModule m = scripts.run(PLUGINS.resolve("RestoreJ/Batch_Restore.groovy").toFile(), true, Map.of(
			"input", in.toFile(), "output", out.toFile(), "model", model.toString(), "options", "tile=32 halo=8",
			"overwrite", false)).get(5, TimeUnit.MINUTES);
		assertTrue(String.valueOf(m.getOutput("report")).contains("1 of 1"), String.valueOf(m.getOutput("report")));
		try (LocalImageRestorer local = new LocalImageRestorer(model)) {
			TestImages.assertClose(TestImages.samples(local.restore(TiffFiles.open(in.resolve("one.tif")), RestoreSettings
				.parse("tile=32 halo=8 normalize=percentile percentiles=2,98"), RunMonitor.SILENT)), TestImages.samples(
					TiffFiles.open(out.resolve("one.tif"))), "the declared percentiles");
		}
	}

	@Test
	void batchRestoreScriptStreamsABigTiff() throws Exception {
		final Path in = Files.createDirectories(dir.resolve("big-in")), out = dir.resolve("big-out");
		StreamedTiffs.write(in.resolve("scene.tif"), 150, 110, ByteOrder.BIG_ENDIAN);
		final ScriptModule m = scripts.run(PLUGINS.resolve("RestoreJ/Batch_Restore.groovy").toFile(), true, Map.of(
			"input", in.toFile(), "output", out.toFile(), "model", SmallModels.grey().toString(), "options",
			"tile=32 halo=8", "overwrite", false, "compression", "none")).get(5, TimeUnit.MINUTES);
		final String report = (String) m.getOutput("report");
		assertTrue(report != null && report.contains("1 of 1"), String.valueOf(report));
		final TiffImageInfo restored = TiffImageInfo.read(out.resolve("scene.tif"));
		assertTrue(restored.bigTiff() && restored.tiled(), "streamed");
		assertEquals(1, restored.compression(), "compression=none reached the command");
	}

	@Test
	void batchRestoreScriptFailsWithTheCommandsMessage() throws Exception {
		final Path in = Files.createDirectories(dir.resolve("bad-options"));
		final List<String> errors = new CopyOnWriteArrayList<>();
		final LogListener listener = message -> {
			if (message.level() == LogLevel.ERROR) errors.add(String.valueOf(message.text()) + " " + message.throwable());
		};
		context.service(LogService.class).addLogListener(listener);
		try {
			// SciJava logs a failing script's exception and ends the module without outputs
			final ScriptModule m = scripts.run(PLUGINS.resolve("RestoreJ/Batch_Restore.groovy").toFile(), true, Map.of(
				"input", in.toFile(), "output", dir.resolve("never").toFile(), "model", SmallModels.grey().toString(),
				"options", "tile=tiny", "overwrite", false)).get(5, TimeUnit.MINUTES);
			assertEquals(null, m.getOutput("report"));
		}
		finally {
			context.service(LogService.class).removeLogListener(listener);
		}
		assertTrue(errors.stream().anyMatch(e -> e.contains("tile='tiny'")), errors.toString());
		assertFalse(Files.exists(dir.resolve("never")));
	}
}
