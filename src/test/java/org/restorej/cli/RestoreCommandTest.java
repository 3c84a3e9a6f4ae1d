package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import ij.ImagePlus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.cli.CommandLineTest.Run;
import org.restorej.imagej.TiffFiles;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.SmallModels;
import org.restorej.restore.TestImages;
import org.restorej.restore.local.LocalImageRestorer;

/** {@code restorej restore} on files and folders: what it writes, refuses and reports. */
class RestoreCommandTest {

	@TempDir
	Path dir;

	private Path tiff(final String name, final ImagePlus imp) throws Exception {
		final Path p = dir.resolve("in").resolve(name);
		TiffFiles.save(imp, p, false);
		return p;
	}

	private static List<Path> listing(final Path folder) throws Exception {
		try (Stream<Path> s = Files.list(folder)) {
			return s.sorted().toList();
		}
	}

	@Test
	void aFolderWithOneBadFileWritesTheOthersReportsTheBadOneAndFails() throws Exception {
		final Path a = tiff("a.tif", TestImages.calibrated(TestImages.grey16("a.tif", 48, 40, 1)));
		tiff("b.tif", TestImages.hyperstack16("b.tif", 32, 24, 2, 2, 1));
		tiff("c.tif", TestImages.grey8("c.tif", 30, 20, 3));
		// a TIFF header and nothing else: looks like a TIFF, cannot be read
		Files.write(dir.resolve("in/bad.tif"), new byte[] { 'I', 'I', 42, 0, 8, 0, 0, 0, 9 });
		Files.writeString(dir.resolve("in/notes.txt"), "not an image, not a TIFF: ignored");
		final Path out = dir.resolve("out");
		final Run r = CommandLineTest.run("restore", "--model", SmallModels.grey().toString(), "--tile", "32",
			"--halo", "8", dir.resolve("in").toString(), out.toString());
		assertEquals(1, r.exitCode(), r.err());
		assertTrue(r.err().contains("bad.tif: FAILED: Cannot read"), r.err());
		assertTrue(r.err().contains("3 of 4 image(s)"), r.err());
		assertEquals(List.of(out.resolve("a.tif"), out.resolve("b.tif"), out.resolve("c.tif")), listing(out),
			"the good ones written, nothing else (no temporary or partial file)");
		final ImagePlus restored = TiffFiles.open(out.resolve("a.tif"));
		assertEquals(0.25, restored.getCalibration().pixelWidth);
		assertEquals("micron", restored.getCalibration().getUnit());
		assertEquals(ImagePlus.GRAY32, restored.getType());
		try (LocalImageRestorer local = new LocalImageRestorer(SmallModels.grey())) {
			TestImages.assertClose(TestImages.samples(local.restore(TiffFiles.open(a), RestoreSettings.parse(
				"tile=32 halo=8"), RunMonitor.SILENT)), TestImages.samples(restored), "a.tif");
		}
		final ImagePlus b = TiffFiles.open(out.resolve("b.tif"));
		assertEquals(2, b.getNChannels());
		assertEquals(2, b.getNSlices());
	}

	@Test
	void refusesToOverwriteAnExistingOutputUnlessAskedAndNeverTheInput() throws Exception {
		final Path in = tiff("x.tif", TestImages.grey16("x.tif", 40, 40, 4));
		final byte[] original = Files.readAllBytes(in);
		final Path out = dir.resolve("x-restored.tif");
		final String model = SmallModels.grey().toString();
		assertEquals(0, CommandLineTest.run("restore", "--model", model, in.toString(), out.toString()).exitCode());
		final long size = Files.size(out);
		final Run again = CommandLineTest.run("restore", "--model", model, "--output-type", "same", in.toString(), out
			.toString());
		assertEquals(1, again.exitCode());
		assertTrue(again.err().contains("exists") && again.err().contains("--overwrite"), again.err());
		assertEquals(size, Files.size(out), "the existing output is untouched");
		final Run replaced = CommandLineTest.run("restore", "--model", model, "--output-type", "same", "--overwrite",
			in.toString(), out.toString());
		assertEquals(0, replaced.exitCode(), replaced.err());
		assertEquals(ImagePlus.GRAY16, TiffFiles.open(out).getType(), "--output-type same keeps 16-bit");
		final Run self = CommandLineTest.run("restore", "--model", model, "--overwrite", in.toString(), in.toString());
		assertEquals(1, self.exitCode());
		assertTrue(self.err().contains("never overwrites its input"), self.err());
		assertArrayEquals(original, Files.readAllBytes(in), "the input is untouched");
		final Run sameFolder = CommandLineTest.run("restore", "--model", model, "--overwrite", dir.resolve("in")
			.toString(), dir.resolve("in").toString());
		assertEquals(1, sameFolder.exitCode());
		assertArrayEquals(original, Files.readAllBytes(in));
	}

	@Test
	void badOptionsAndMissingInputsFailWithAMessage() throws Exception {
		final Path in = tiff("y.tif", TestImages.grey8("y.tif", 20, 20, 5));
		final String model = SmallModels.grey().toString();
		final Run tile = CommandLineTest.run("restore", "--model", model, "--tile", "huge", in.toString(), dir.resolve(
			"o.tif").toString());
		// a value the option cannot take is a usage error (exit 2), named as the command line spells it
		assertEquals(2, tile.exitCode());
		assertTrue(tile.err().contains("option '--tile': 'huge'"), tile.err());
		final Run percentiles = CommandLineTest.run("restore", "--model", model, "--normalize", "percentile",
			"--percentiles", "99,1", in.toString(), dir.resolve("o.tif").toString());
		assertTrue(percentiles.err().contains("0 <= LOW < HIGH <= 100"), percentiles.err());
		final Run missing = CommandLineTest.run("restore", "--model", model, dir.resolve("none.tif").toString(), dir
			.resolve("o.tif").toString());
		assertEquals(1, missing.exitCode());
		assertTrue(missing.err().contains("No such file"), missing.err());
		final Run channels = CommandLineTest.run("restore", "--model", SmallModels.rgb().toString(), in.toString(), dir
			.resolve("o.tif").toString());
		assertTrue(channels.err().contains("takes 3 channel(s)"), channels.err());
		assertFalse(Files.exists(dir.resolve("o.tif")), "nothing written on failure");
		assertEquals(2, CommandLineTest.run("restore", in.toString()).exitCode(), "usage error");
	}

	@Test
	void rangeAndWholePlaneOptions() throws Exception {
		final Path in = tiff("z.tif", TestImages.grey16("z.tif", 36, 28, 6));
		final Path out = dir.resolve("z-out.tif");
		final Run r = CommandLineTest.run("restore", "--model", SmallModels.grey().toString(), "--tile", "none",
			"--normalize", "range", "--range", "0,40000", "--clip", in.toString(), out.toString());
		assertEquals(0, r.exitCode(), r.err());
		try (LocalImageRestorer local = new LocalImageRestorer(SmallModels.grey())) {
			TestImages.assertClose(TestImages.samples(local.restore(TiffFiles.open(in), RestoreSettings.parse(
				"tile=none normalize=range range=0,40000 clip"), RunMonitor.SILENT)), TestImages.samples(TiffFiles.open(out)), "z.tif");
		}
	}
}
