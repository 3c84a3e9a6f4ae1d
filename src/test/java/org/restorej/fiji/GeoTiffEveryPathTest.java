package org.restorej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.GdalGeoTiffs;
import org.restorej.batch.FileOutcome;
import org.restorej.batch.FolderRestore;
import org.restorej.cli.Main;
import org.restorej.restore.OutputCompression;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.SmallModels;
import org.restorej.restore.StreamingMode;
import org.restorej.tiff.read.TiffImage;
import org.restorej.worker.WorkerFileStreaming;
import org.restorej.worker.WorkerImageRestorer;

/**
 * A GeoTIFF written by GDAL keeps its coordinate system, origin, pixel size, NoData and GDAL metadata,
 * as GDAL reads them, on every path that writes a TIFF: the CLI in memory and streamed, the worker
 * (what macros' restoreFile and restoreFolder run) in memory and streamed, and Fiji's Restore Folder.
 */
class GeoTiffEveryPathTest {

	@TempDir
	static Path dir;

	static Path input;

	@BeforeAll
	static void geoTiff() throws Exception {
		input = GdalGeoTiffs.write(Files.createDirectories(dir.resolve("in")).resolve("moon-geo.tif"), 72, 56);
	}

	@Test
	void theCommandLineInMemoryAndStreamed() throws Exception {
		for (final String streaming : new String[] { "off", "on" }) {
			final Path out = dir.resolve("cli-" + streaming + ".tif");
			assertEquals(0, Main.execute("restore", "--model", SmallModels.grey().toString(), "--tile", "32", "--halo",
				"8", "--streaming", streaming, input.toString(), out.toString()));
			try (TiffImage restored = TiffImage.open(out)) {
				assertEquals(streaming.equals("on"), restored.info().bigTiff(), "in memory: ImageJ's classic TIFF");
			}
			GdalGeoTiffs.assertSameGeoreferencing(input, out);
		}
	}

	@Test
	void theWorkerAsMacrosRunIt() throws Exception {
		for (final StreamingMode mode : new StreamingMode[] { StreamingMode.OFF, StreamingMode.ON }) {
			final Path out = dir.resolve("worker-" + mode + ".tif");
			try (WorkerImageRestorer restorer = new WorkerImageRestorer(SmallModels.grey())) {
				final FileOutcome outcome = FolderRestore.restoreOne(restorer, new WorkerFileStreaming(SmallModels.grey(),
					mode, OutputCompression.AUTO), input, out, RestoreSettings.parse("tile=32 halo=8"), false,
					RunMonitor.SILENT);
				assertTrue(outcome.ok(), outcome.toString());
			}
			GdalGeoTiffs.assertSameGeoreferencing(input, out);
		}
	}

	@Test
	void fijisRestoreFolder() throws Exception {
		final Path out = dir.resolve("fiji-out");
		try (HeadlessCommands scijava = new HeadlessCommands()) {
			final String report = (String) scijava.run(RestoreFolderCommand.class, Map.of("model", SmallModels.grey()
				.toString(), "tile", "32", "halo", "8", "input", input.getParent().toFile(), "output", out.toFile()))
				.getOutput("report");
			assertTrue(report.contains("1 of 1"), report);
		}
		GdalGeoTiffs.assertSameGeoreferencing(input, out.resolve("moon-geo.tif"));
	}
}
