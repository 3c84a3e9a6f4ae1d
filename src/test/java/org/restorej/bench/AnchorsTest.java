package org.restorej.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.export.Preset;

/** What bench --compare says when an anchor cannot run (no timing here). */
class AnchorsTest {

	@Test
	void withoutAnAnchorsFolderThePyTorchAnchorSaysWhereToGetTheOfficialCode() {
		final Timing t = new OfficialCode("python3", null).time(Preset.RESTORMER_DERAINING.network(), 256, 1, 2);
		assertFalse(t.isMeasured());
		assertEquals(OfficialCode.NO_FOLDER, t.missing());
		assertTrue(t.missing().contains("github.com/swz30/Restormer") && t.missing().contains(
			"github.com/joshyZhou/AST"), t.missing());
	}

	@Test
	void aMissingAnchorsFolderIsNamed(@TempDir final Path dir) {
		final Path absent = dir.resolve("no-such-folder");
		final Timing t = new OfficialCode("python3", absent).time(Preset.AST_SPAD_DERAINING.network(), 256, 1, 2);
		assertTrue(t.missing().startsWith("the --anchors folder " + absent + " does not exist; give --anchors DIR"), t
			.missing());
	}

	@Test
	void aPythonThatCannotStartIsNamed(@TempDir final Path dir) {
		final Timing t = new OfficialCode(dir.resolve("no-python").toString(), dir).time(Preset.RESTORMER_DERAINING
			.network(), 256, 1, 2);
		assertTrue(t.missing().startsWith("cannot start " + dir.resolve("no-python")), t.missing());
	}

	@Test
	void withoutTheOnnxRuntimeJarTheAnchorSaysHowToGetIt(@TempDir final Path dir) {
		final OnnxRuntimeAnchor ort = new OnnxRuntimeAnchor(dir.resolve("bench-lib"), dir.resolve("cache"),
			new OfficialCode("/usr/bin/python3", dir));
		final Timing t = ort.time(Preset.AST_SPAD_DERAINING.network(), 256, 1, 2);
		assertEquals("no onnxruntime jar in " + dir.resolve("bench-lib").toAbsolutePath() + " (mvn package " +
			"-Pbench-anchors copies com.microsoft.onnxruntime:onnxruntime there; or give --bench-lib DIR)", t.missing());
	}

	@Test
	void aChildWithoutAResultLineReportsItsExitAndOutput() {
		final Timing t = ChildRun.timing(ChildRun.run(java.util.List.of("sh", "-c", "echo boom; exit 3"),
			java.util.Map.of()));
		assertEquals("sh exited with 3 without a result; its last output:\nboom", t.missing());
	}

	@Test
	void aChildsResultLineGivesItsRuns() {
		final Timing t = ChildRun.timing(ChildRun.run(java.util.List.of("sh", "-c",
			"echo noise; echo 'RESTOREJ-RESULT {\"seconds\": [1.5, 0.5, 1.0]}'"), java.util.Map.of()));
		assertEquals(1.0, t.median());
		assertEquals(3, t.seconds().length);
	}
}
