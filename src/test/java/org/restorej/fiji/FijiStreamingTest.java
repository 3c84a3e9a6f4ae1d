package org.restorej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.ij1.MacroExtensions;
import org.restorej.imagej.TiffFiles;
import org.restorej.restore.OutputCompression;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.SmallModels;
import org.restorej.restore.StreamedTiffs;
import org.restorej.restore.StreamingMode;
import org.restorej.restore.TestImages;
import org.restorej.restore.local.LocalImageRestorer;
import org.restorej.tiff.read.TiffImage;
import org.restorej.tiff.read.TiffImageInfo;
import org.scijava.command.CommandModule;
import org.scijava.event.EventService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

/**
 * Restore Folder and {@code Ext.restoreFile} on BigTIFF and tiled TIFF, as a headless script or macro
 * runs them: the worker streams them file to file into the same tiled BigTIFF as the command line's
 * streaming, georeferencing and calibration kept; {@code streaming=off} loads them with RestoreJ's
 * reader into an ImageJ image and writes an ImageJ TIFF; a cancel leaves nothing behind.
 */
class FijiStreamingTest {

	private static final String TILING = "tile=32 halo=8";

	static final HeadlessCommands scijava = new HeadlessCommands();

	@TempDir
	static Path dir;

	@AfterAll
	static void dispose() {
		scijava.close();
	}

	/** A folder holding a tiled BigTIFF GeoTIFF scene {@code scene.tif} of the given size. */
	static Path sceneFolder(final String name, final int width, final int height) throws Exception {
		final Path folder = Files.createDirectories(dir.resolve(name));
		StreamedTiffs.write(folder.resolve("scene.tif"), width, height, ByteOrder.LITTLE_ENDIAN);
		return folder;
	}

	/** What the command line's streaming ({@code restore --streaming on}) writes for {@code input}. */
	static Path commandLineResult(final Path input, final OutputCompression compression) throws Exception {
		final Path out = dir.resolve("cli-" + compression + "-" + input.getFileName());
		try (LocalImageRestorer local = new LocalImageRestorer(SmallModels.grey())) {
			local.streaming(StreamingMode.ON, compression).stream(input, out, RestoreSettings.parse(TILING), true,
				RunMonitor.SILENT);
		}
		return out;
	}

	/** {@code actual} is a tiled BigTIFF (so streamed: ImageJ writes neither) equal to {@code expected}. */
	static void assertStreamedLike(final Path expected, final Path input, final Path actual) {
		try (TiffImage e = TiffImage.open(expected); TiffImage in = TiffImage.open(input); TiffImage a = TiffImage.open(
			actual))
		{
			assertTrue(a.info().bigTiff() && a.info().tiled(), "streamed by the worker, not saved by ImageJ");
			assertEquals(in.info().geoFields(), a.info().geoFields(), "GeoTIFF entries byte for byte");
			assertEquals(4, a.info().geoFields().size());
			assertEquals(in.info().calibration(), a.info().calibration());
			assertEquals(0.5, a.info().calibration().pixelWidth(), 1e-9);
			assertEquals(e.info().compression(), a.info().compression());
			StreamedTiffs.assertSamePixels(e.image(), a.image());
		}
	}

	static List<Path> files(final Path folder) throws Exception {
		try (Stream<Path> s = Files.list(folder)) {
			return s.sorted().toList();
		}
	}

	@Test
	void aFolderStreamsItsBigTiffThroughTheWorkerAndLoadsItsSmallTiff() throws Exception {
		final Path in = sceneFolder("folder-in", 150, 110), out = dir.resolve("folder-out");
		TiffFiles.save(TestImages.grey16("small.tif", 40, 30, 3), in.resolve("small.tif"), false);
		final CommandModule m = scijava.run(RestoreFolderCommand.class, FijiCommandsTest.inputs(SmallModels.grey(),
			"input", in.toFile(), "output", out.toFile()));
		assertFalse(m.isCanceled(), m.getCancelReason());
		final String report = (String) m.getOutput("report");
		assertTrue(report.contains("2 of 2"), report);
		final Path scene = in.resolve("scene.tif");
		assertStreamedLike(commandLineResult(scene, OutputCompression.AUTO), scene, out.resolve("scene.tif"));
		assertFalse(TiffImageInfo.read(out.resolve("small.tif")).bigTiff(), "a small classic TIFF goes through ImageJ");
		assertEquals(List.of(out.resolve("scene.tif"), out.resolve("small.tif")), files(out), "no temporary file");
	}

	@Test
	void theMacroExtensionStreamsAFileWithTheCompressionAsked() throws Exception {
		final Path scene = sceneFolder("macro-in", 150, 110).resolve("scene.tif"), out = dir.resolve("macro-out.tif");
		new MacroExtensions().handleExtension("restoreFile", new Object[] { SmallModels.grey().toString(), scene
			.toString(), out.toString(), TILING + " compression=none" });
		assertStreamedLike(commandLineResult(scene, OutputCompression.NONE), scene, out);
		assertEquals(1, TiffImageInfo.read(out).compression(), "uncompressed, as asked");
	}

	@Test
	void theMacroExtensionAndRestoreFolderWriteOmeZarrThroughTheWorker() throws Exception {
		final Path in = sceneFolder("zarr-in", 150, 110), scene = in.resolve("scene.tif");
		final Path out = dir.resolve("macro-out.zarr");
		new MacroExtensions().handleExtension("restoreFile", new Object[] { SmallModels.grey().toString(), scene
			.toString(), out.toString(), TILING + " streaming=off" });
		final Path expected = commandLineResult(scene, OutputCompression.AUTO);
		try (TiffImage e = TiffImage.open(expected); org.restorej.zarr.OmeZarrImage z = org.restorej.zarr.OmeZarrImage
			.open(out)) {
			StreamedTiffs.assertSamePixels(e.image(), z.image());
			assertEquals(0.5, z.info().calibration().pixelWidth(), 1e-9);
		}
		// a folder holding that .zarr: Restore Folder restores it back into TIFF beside nothing else
		final Path folder = Files.createDirectories(dir.resolve("zarr-folder"));
		Files.move(out, folder.resolve("scene.zarr"));
		final Path restoredAgain = dir.resolve("zarr-folder-out");
		final CommandModule m = scijava.run(RestoreFolderCommand.class, FijiCommandsTest.inputs(SmallModels.grey(),
			"input", folder.toFile(), "output", restoredAgain.toFile()));
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertTrue(((String) m.getOutput("report")).contains("1 of 1"), (String) m.getOutput("report"));
		assertTrue(Files.isDirectory(restoredAgain.resolve("scene.zarr")), "Zarr in, Zarr out, under its name");
	}

	@Test
	void streamingOffLoadsABigTiffWithRestoreJsReaderAndWritesAnImageJTiff() throws Exception {
		final Path in = sceneFolder("off-in", 150, 110), out = dir.resolve("off-out");
		final CommandModule m = scijava.run(RestoreFolderCommand.class, FijiCommandsTest.inputs(SmallModels.grey(),
			"input", in.toFile(), "output", out.toFile(), "streaming", "off"));
		final String report = (String) m.getOutput("report");
		assertTrue(report.contains("1 of 1"), report);
		assertEquals(List.of(out.resolve("scene.tif")), files(out));
		assertFalse(TiffImageInfo.read(out.resolve("scene.tif")).bigTiff(), "loaded, not streamed: ImageJ's TIFF");
		final ij.ImagePlus restored = new ij.io.Opener().openImage(out.resolve("scene.tif").toString());
		assertEquals(150, restored.getWidth(), "ImageJ 1 itself opens the result");
		assertEquals(110, restored.getHeight());
		final CommandModule wrong = scijava.run(RestoreFolderCommand.class, FijiCommandsTest.inputs(SmallModels
			.grey(), "input", in.toFile(), "output", out.toFile(), "streaming", "sometimes"));
		assertTrue(wrong.isCanceled() && wrong.getCancelReason().contains("auto, on or off"), wrong.getCancelReason());
	}

	@Test
	void cancelLeavesNeitherOutputNorTemporaryFile() throws Exception {
		final Path in = sceneFolder("cancel-in", 1024, 1024), out = dir.resolve("cancel-out");
		final FijiCommandsTest.TileWatcher watcher = new FijiCommandsTest.TileWatcher();
		scijava.context.service(EventService.class).subscribe(watcher);
		final ModuleService modules = scijava.context.service(ModuleService.class);
		final Module module = modules.createModule(scijava.commands.getCommand(RestoreFolderCommand.class));
		final Future<Module> running = modules.run(module, true, FijiCommandsTest.inputs(SmallModels.grey(), "input", in
			.toFile(), "output", out.toFile(), "tile", "24"));
		assertTrue(watcher.taskTile.await(2, TimeUnit.MINUTES), "the worker reports streaming progress");
		((CommandModule) module).cancel("stopped by the test");
		running.get(1, TimeUnit.MINUTES);
		watcher.assertStoppedBeforeTheEnd();
		assertEquals(List.of(), files(out), "no output, no temporary file");
		// the worker stopped streaming: it is free for the next file, and writes nothing more
		final Path small = sceneFolder("after-cancel-in", 40, 30), after = dir.resolve("after-cancel-out");
		final CommandModule next = scijava.run(RestoreFolderCommand.class, FijiCommandsTest.inputs(SmallModels.grey(),
			"input", small.toFile(), "output", after.toFile()));
		assertTrue(((String) next.getOutput("report")).contains("1 of 1"), (String) next.getOutput("report"));
		assertEquals(List.of(), files(out), "still no output of the cancelled folder");
	}
}
