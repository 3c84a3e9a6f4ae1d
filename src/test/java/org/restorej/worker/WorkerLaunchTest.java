package org.restorej.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the worker finds RestoreJ's private jars, in an installation and in a build. */
class WorkerLaunchTest {

	@TempDir
	Path dir;

	private Path file(final String path) throws Exception {
		final Path p = dir.resolve(path);
		Files.createDirectories(p.getParent());
		return Files.write(p, new byte[0]);
	}

	@Test
	void anInstallationUsesTheRestorejFolderBesidePlugins() throws Exception {
		final Path jar = file("Fiji.app/plugins/RestoreJ_.jar");
		file("Fiji.app/restorej/tensorflow-core-api-1.1.0.jar");
		file("Fiji.app/restorej/protobuf-java-3.21.9.jar");
		file("Fiji.app/jars/libtensorflow-1.15.0.jar");
		assertEquals(List.of(jar.toString(), dir.resolve("Fiji.app/restorej/protobuf-java-3.21.9.jar").toString(), dir
			.resolve("Fiji.app/restorej/tensorflow-core-api-1.1.0.jar").toString()), WorkerLaunch.classPathBeside(jar),
			"never Fiji's own jars");
	}

	@Test
	void aBuildUsesLibBesideTheJar() throws Exception {
		final Path jar = file("target/restorej.jar");
		file("target/lib/tensorflow-core-api-1.1.0.jar");
		assertEquals(List.of(jar.toString(), dir.resolve("target/lib/tensorflow-core-api-1.1.0.jar").toString()),
			WorkerLaunch.classPathBeside(jar));
	}

	@Test
	void missingJarsAreReportedWithWhereTheyBelong() throws Exception {
		final Path jar = file("Fiji.app/plugins/RestoreJ_.jar");
		final WorkerException e = assertThrows(WorkerException.class, () -> WorkerLaunch.classPathBeside(jar));
		assertTrue(e.getMessage().contains(dir.resolve("Fiji.app/restorej").toString()), e.getMessage());
	}

	@Test
	void theCommandStartsTheWorkerMainWithThisJava() {
		final List<String> cmd = WorkerLaunch.find().command();
		assertTrue(cmd.get(0).startsWith(System.getProperty("java.home")), cmd.toString());
		assertEquals(WorkerLaunch.MAIN_CLASS, cmd.get(cmd.size() - 1));
		assertTrue(cmd.contains("-Djava.awt.headless=true"));
	}
}
