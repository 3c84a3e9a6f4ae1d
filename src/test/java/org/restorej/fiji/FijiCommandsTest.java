package org.restorej.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ij.ImagePlus;
import ij.measure.Calibration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.ReferenceFixtures;
import org.restorej.imagej.TiffFiles;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.SmallModels;
import org.restorej.restore.TestImages;
import org.restorej.restore.local.LocalImageRestorer;
import org.restorej.worker.Worker;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;
import org.scijava.log.LogService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;
import org.scijava.app.StatusService;
import org.scijava.app.event.StatusEvent;
import org.scijava.task.TaskService;
import org.scijava.task.event.TaskEvent;

/**
 * The commands as a headless script runs them: through a plain SciJava Context, with RestoreJ's
 * TensorFlow in the worker process. Results are compared with the engine run in this JVM on the same
 * image.
 */
class FijiCommandsTest {

	private static final String TILING = "tile=32 halo=8";

	static HeadlessCommands scijava;
	static Context context;
	static CommandService commands;

	@TempDir
	static Path dir;

	@BeforeAll
	static void context() {
		scijava = new HeadlessCommands();
		context = scijava.context;
		commands = scijava.commands;
	}

	@AfterAll
	static void dispose() {
		scijava.close();
	}

	/** The inputs of a restore: the model, the test tiling, and {@code more} as key, value pairs. */
	static Map<String, Object> inputs(final Path model, final Object... more) {
		final Map<String, Object> m = new HashMap<>();
		m.put("model", model.toString());
		m.put("tile", "32");
		m.put("halo", "8");
		for (int i = 0; i < more.length; i += 2)
			m.put((String) more[i], more[i + 1]);
		return m;
	}

	static CommandModule run(final Class<? extends org.scijava.command.Command> c, final Map<String, Object> in)
		throws Exception
	{
		return scijava.run(c, in);
	}

	static float[] expected(final Path model, final ImagePlus in, final String options) {
		try (LocalImageRestorer local = new LocalImageRestorer(model)) {
			return TestImages.samples(local.restore(in, RestoreSettings.parse(options), RunMonitor.SILENT));
		}
	}

	@Test
	void restores16BitGreyKeepingCalibrationTitleAndInput() throws Exception {
		final ImagePlus in = TestImages.calibrated(TestImages.grey16("cells.tif", 61, 47, 11));
		final float[] before = TestImages.samples(in);
		final CommandModule m = run(RestoreImageCommand.class, inputs(SmallModels.grey(), "image", in));
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ImagePlus out = (ImagePlus) m.getOutput("result");
		assertEquals("cells-restored.tif", out.getTitle());
		TestImages.assertClose(expected(SmallModels.grey(), in, TILING), TestImages.samples(out), "restored");
		final Calibration c = out.getCalibration();
		assertEquals(0.25, c.pixelWidth);
		assertEquals(0.3, c.pixelHeight);
		assertEquals(1.5, c.pixelDepth);
		assertEquals("micron", c.getUnit());
		assertEquals(2, c.frameInterval);
		assertEquals("s", c.getTimeUnit());
		assertEquals(3, c.xOrigin);
		assertArrayEquals(before, TestImages.samples(in), "the input is unchanged");
		assertEquals("cells.tif", in.getTitle());
		assertTrue(out.getInfoProperty().contains("RestoreJ: model=[" + SmallModels.grey()), out.getInfoProperty());
	}

	@Test
	void restoresRgbWithAnRgbModel() throws Exception {
		final ImagePlus in = TestImages.calibrated(TestImages.rgb("photo.tif", 50, 38, 12));
		final CommandModule m = run(RestoreImageCommand.class, inputs(SmallModels.rgb(), "image", in, "type", "same"));
		final ImagePlus out = (ImagePlus) m.getOutput("result");
		assertEquals(ImagePlus.COLOR_RGB, out.getType());
		final float[] expected = expected(SmallModels.rgb(), in, TILING + " type=same");
		assertArrayEquals(expected, TestImages.samples(out), 1f, "rounded the same way up to one grey level");
		assertEquals(0.25, out.getCalibration().pixelWidth);
	}

	@Test
	void restoresAZStackPlaneByPlaneInItsDimensionOrder() throws Exception {
		final ImagePlus in = TestImages.calibrated(TestImages.hyperstack16("stack.tif", 40, 30, 1, 4, 2));
		final CommandModule m = run(RestoreImageCommand.class, inputs(SmallModels.grey(), "image", in));
		final ImagePlus out = (ImagePlus) m.getOutput("result");
		assertEquals(1, out.getNChannels());
		assertEquals(4, out.getNSlices());
		assertEquals(2, out.getNFrames());
		assertTrue(out.isHyperStack());
		TestImages.assertClose(expected(SmallModels.grey(), in, TILING), TestImages.samples(out), "stack");
		assertEquals(2, out.getCalibration().frameInterval);
	}

	@Test
	void sixteenBitOutputStays16Bit() throws Exception {
		final ImagePlus in = TestImages.grey16("g16.tif", 33, 33, 13);
		final CommandModule m = run(RestoreImageCommand.class, inputs(SmallModels.grey(), "image", in, "type", "same",
			"normalize", "percentile", "percentiles", "2,98"));
		final ImagePlus out = (ImagePlus) m.getOutput("result");
		assertEquals(ImagePlus.GRAY16, out.getType());
		assertArrayEquals(expected(SmallModels.grey(), in, TILING + " type=same normalize=percentile percentiles=2,98"),
			TestImages.samples(out), 1f);
	}

	@Test
	void aMissingImageIsRefusedWithAMessage() throws Exception {
		final Map<String, Object> in = inputs(SmallModels.grey());
		final CommandModule m = run(RestoreImageCommand.class, in);
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("No image to restore"), m.getCancelReason());
		assertNull(m.getOutput("result"));
	}

	@Test
	void aMissingOrUnknownModelIsRefusedWithAMessage() throws Exception {
		final ImagePlus img = TestImages.grey8("x.tif", 20, 20, 1);
		final Map<String, Object> none = inputs(SmallModels.grey(), "image", img);
		none.remove("model");
		final CommandModule m = run(RestoreImageCommand.class, none);
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("No model given"), m.getCancelReason());
		final CommandModule wrong = run(RestoreImageCommand.class, inputs(dir.resolve("nothing-here"), "image", img));
		assertTrue(wrong.getCancelReason().contains("No RestoreJ model at") && wrong.getCancelReason().contains(
			"restorej import"), wrong.getCancelReason());
	}

	@Test
	void wrongOptionsAndChannelsAreRefusedWithAMessage() throws Exception {
		final ImagePlus grey = TestImages.grey8("grey.tif", 20, 20, 1);
		final CommandModule tile = run(RestoreImageCommand.class, inputs(SmallModels.grey(), "image", grey, "tile",
			"big"));
		assertTrue(tile.getCancelReason().contains("tile='big'") && tile.getCancelReason().contains("auto, none"), tile
			.getCancelReason());
		final CommandModule device = run(RestoreImageCommand.class, inputs(SmallModels.grey(), "image", grey,
			"device", "tpu"));
		assertTrue(device.getCancelReason().contains("gpu:N"), device.getCancelReason());
		final CommandModule channels = run(RestoreImageCommand.class, inputs(SmallModels.rgb(), "image", grey));
		assertTrue(channels.isCanceled());
		assertTrue(channels.getCancelReason().contains("takes 3 channel(s)") && channels.getCancelReason().contains(
			"grey.tif"), channels.getCancelReason());
	}

	/**
	 * Opens a latch at the first restored tile, as the task and the status bar report it, and keeps the
	 * last progress the status bar showed.
	 */
	public static final class TileWatcher {
		final CountDownLatch taskTile = new CountDownLatch(1), statusTile = new CountDownLatch(1);
		private volatile int done, total;

		@EventHandler
		public void onTask(final TaskEvent e) {
			if (e.getTask().getProgressValue() > 0) taskTile.countDown();
		}

		@EventHandler
		public void onStatus(final StatusEvent e) {
			if (e.getStatusMessage() == null || !e.getStatusMessage().contains("RestoreJ") || e.getProgressMaximum() <= 1)
				return;
			done = e.getProgressValue();
			total = e.getProgressMaximum();
			if (done > 0) statusTile.countDown();
		}

		/** The work reported progress and stopped short of its end. */
		void assertStoppedBeforeTheEnd() {
			final int d = done, t = total;
			assertTrue(d > 0 && d < t, "stopped after " + d + " of " + t + " tiles");
		}
	}

	@Test
	void cancelStopsTheRestorationAndTheWorkerServesTheNextImage() throws Exception {
		final ImagePlus big = TestImages.grey16("big.tif", 1024, 1024, 14);
		final float[] before = TestImages.samples(big);
		final TileWatcher watcher = new TileWatcher();
		context.service(EventService.class).subscribe(watcher);
		final ModuleService modules = context.service(ModuleService.class);
		final Module module = modules.createModule(commands.getCommand(RestoreImageCommand.class));
		final Future<Module> running = modules.run(module, true, inputs(SmallModels.grey(), "image", big, "tile",
			"24"));
		assertTrue(watcher.taskTile.await(2, TimeUnit.MINUTES), "the task shows progress");
		assertTrue(watcher.statusTile.await(10, TimeUnit.SECONDS), "the status bar shows progress");
		final long t0 = System.nanoTime();
		((CommandModule) module).cancel("stopped by the test");
		running.get(1, TimeUnit.MINUTES);
		final double seconds = (System.nanoTime() - t0) / 1e9;
		watcher.assertStoppedBeforeTheEnd();
		assertNull(module.getOutput("result"), "no partial result");
		assertTrue(seconds < 5, "a cancel stops within a tile, not " + seconds + " s");
		assertArrayEquals(before, TestImages.samples(big), "the input is unchanged");
		final long pid = Worker.shared().pid();
		final CommandModule next = run(RestoreImageCommand.class, inputs(SmallModels.grey(), "image", TestImages
			.grey8("next.tif", 20, 20, 3)));
		assertNotNull(next.getOutput("result"), next.getCancelReason());
		assertEquals(pid, Worker.shared().pid(), "the same worker, its model still loaded");
	}

	@Test
	void describesAModel() throws Exception {
		final CommandModule m = run(DescribeModelCommand.class, Map.of("model", SmallModels.rgb().toString()));
		final String d = (String) m.getOutput("description");
		assertTrue(d.contains("Architecture: convnet") && d.contains("Input:        3 channel(s)"), d);
	}

	@Test
	void importsACheckpointAndRestoresWithIt() throws Exception {
		final Path ckpt = ReferenceFixtures.bundled().resolve("restormer/r_a_rgb_withbias/ckpt_official.pth");
		final Path model = dir.resolve("tiny-restormer");
		final CommandModule m = run(ImportCheckpointCommand.class, Map.of("checkpoint", ckpt.toFile(), "output", model
			.toFile(), "name", "tiny-restormer"));
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertTrue(((String) m.getOutput("description")).contains("Architecture: restormer"));
		final ImagePlus in = TestImages.rgb("rgb.tif", 36, 28, 15);
		final CommandModule restored = run(RestoreImageCommand.class, inputs(model, "image", in, "tile", "none"));
		TestImages.assertClose(expected(model, in, "tile=none"), TestImages.samples((ImagePlus) restored.getOutput(
			"result")), "tiny Restormer");
		final CommandModule again = run(ImportCheckpointCommand.class, Map.of("checkpoint", ckpt.toFile(), "output",
			model.toFile()));
		assertTrue(again.getCancelReason().contains("overwrite"), "an existing model folder is kept: " + again
			.getCancelReason());
	}

	@Test
	void restoresAFolderReportingTheBadFile() throws Exception {
		final Path in = Files.createDirectories(dir.resolve("folder-in")), out = dir.resolve("folder-out");
		TiffFiles.save(TestImages.calibrated(TestImages.grey16("a.tif", 40, 30, 21)), in.resolve("a.tif"), false);
		TiffFiles.save(TestImages.hyperstack16("b.tif", 30, 30, 1, 3, 1), in.resolve("b.tif"), false);
		Files.writeString(in.resolve("broken.tif"), "not a TIFF at all");
		final CommandModule m = run(RestoreFolderCommand.class, inputs(SmallModels.grey(), "input", in.toFile(),
			"output", out.toFile()));
		final String report = (String) m.getOutput("report");
		assertTrue(report.contains("2 of 3") && report.contains("broken.tif: FAILED: Cannot read"), report);
		final ImagePlus a = TiffFiles.open(out.resolve("a.tif"));
		assertEquals(0.25, a.getCalibration().pixelWidth, "calibration written and read back");
		TestImages.assertClose(expected(SmallModels.grey(), TiffFiles.open(in.resolve("a.tif")), TILING), TestImages
			.samples(a), "a.tif");
		assertEquals(3, TiffFiles.open(out.resolve("b.tif")).getNSlices());
		assertFalse(Files.exists(out.resolve("broken.tif")));
	}

	@Test
	void aFolderCommandWithoutFoldersIsRefused() throws Exception {
		final CommandModule m = run(RestoreFolderCommand.class, inputs(SmallModels.grey()));
		assertTrue(m.isCanceled());
		assertTrue(m.getCancelReason().contains("No input folder given"), m.getCancelReason());
		final CommandModule noOutput = run(RestoreFolderCommand.class, inputs(SmallModels.grey(), "input", dir
			.toFile()));
		assertTrue(noOutput.getCancelReason().contains("No output folder given"), noOutput.getCancelReason());
		final CommandModule same = run(RestoreFolderCommand.class, inputs(SmallModels.grey(), "input", dir.toFile(),
			"output", dir.toFile()));
		assertTrue(same.getCancelReason().contains("never overwrites its input"), same.getCancelReason());
	}
}
