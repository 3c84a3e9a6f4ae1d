package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

/**
 * A one-channel model on an RGB or multi-channel image: one line of the log says each channel is restored
 * separately (the engine's, so every front end shows it), and the help says what an RGB input gives.
 */
class ChannelByChannelMessageTest {

	private static final String LINE = "channels and grey-conv takes one: each channel is restored separately";

	@TempDir
	Path dir;

	@Test
	void anRgbImageThroughAGreyModelSaysSoOnce() throws Exception {
		final Path in = dir.resolve("rgb.tif"), out = dir.resolve("rgb-restored.tif");
		TiffFiles.save(TestImages.rgb("rgb.tif", 40, 30, 3), in, false);
		final Run r = CommandLineTest.run("restore", "--model", SmallModels.grey().toString(), "--tile", "32", "--halo",
			"8", in.toString(), out.toString());
		assertEquals(0, r.exitCode(), r.err());
		assertTrue(r.err().contains("rgb.tif has 3 " + LINE + ", and the result has the same 3 channels"), r.err());
		assertEquals(r.err().indexOf(LINE), r.err().lastIndexOf(LINE), "one line: " + r.err());
		final ImagePlus restored = TiffFiles.open(out);
		assertEquals(3, restored.getNChannels(), "the default, float32: three 32-bit channels");
		assertEquals(32, restored.getBitDepth());
	}

	@Test
	void aHyperstackSaysItThroughTheImageJLayerAndAGreyImageSaysNothing() throws Exception {
		final List<String> log = new ArrayList<>();
		final RunMonitor monitor = new RunMonitor(p -> {}, () -> false, log::add, log::add);
		try (LocalImageRestorer r = new LocalImageRestorer(SmallModels.grey())) {
			r.restore(TestImages.hyperstack16("stack.tif", 32, 32, 2, 3, 1), RestoreSettings.parse("tile=32 halo=8"),
				monitor);
			assertEquals(1, log.stream().filter(l -> l.contains("stack.tif has 2 " + LINE)).count(), log.toString());
			log.clear();
			r.restore(TestImages.grey16("grey.tif", 32, 32, 1), RestoreSettings.parse("tile=32 halo=8"), monitor);
			assertFalse(log.stream().anyMatch(l -> l.contains("restored separately")), log.toString());
		}
	}

	@Test
	void theHelpStatesWhatAnRgbInputGivesByDefault() {
		final Run r = CommandLineTest.run("restore", "--help");
		assertTrue(r.out().replaceAll("\\s+", " ").contains("an RGB input gives a 32-bit image of its 3 channels, a " +
			"composite, not RGB), or same: the input's pixel type, rounded and saturated (RGB stays RGB)"), r.out());
	}
}
