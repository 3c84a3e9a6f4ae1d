package org.restorej.tiff.write;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs reference readers (tifffile, GDAL) in /usr/bin/python3 on files the writer made. Tests using
 * it are skipped where that python lacks tifffile, numpy or GDAL.
 */
final class PythonReaders {

	static final String PYTHON = "/usr/bin/python3";
	private static Boolean available;

	private PythonReaders() {}

	static synchronized void assumeAvailable() {
		if (available == null) try {
			available = Files.isExecutable(Path.of(PYTHON)) && run(List.of("-c",
				"import tifffile, numpy; from osgeo import gdal")).exitCode == 0;
		}
		catch (final IOException e) {
			available = false;
		}
		Assumptions.assumeTrue(available, PYTHON + " with tifffile, numpy and GDAL is not available");
	}

	record Result(int exitCode, String out) {}

	/** Runs a script from this package's resources with arguments; fails unless it succeeds. */
	static String script(final Path dir, final String resource, final String... args) throws IOException {
		final Path script = dir.resolve(resource);
		try (InputStream in = PythonReaders.class.getResourceAsStream(resource)) {
			Files.write(script, in.readAllBytes());
		}
		final List<String> command = new ArrayList<>(List.of(script.toString()));
		command.addAll(List.of(args));
		final Result r = run(command);
		if (r.exitCode != 0) throw new AssertionError(resource + " failed:\n" + r.out);
		return r.out;
	}

	/** Runs inline python code; fails unless it succeeds. */
	static String code(final String code, final String... args) throws IOException {
		final List<String> command = new ArrayList<>(List.of("-c", code));
		command.addAll(List.of(args));
		final Result r = run(command);
		if (r.exitCode != 0) throw new AssertionError("python failed:\n" + r.out);
		return r.out;
	}

	private static Result run(final List<String> args) throws IOException {
		final List<String> command = new ArrayList<>(List.of(PYTHON));
		command.addAll(args);
		final Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		try {
			final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!p.waitFor(120, TimeUnit.SECONDS)) {
				p.destroy();
				throw new IOException("python timed out");
			}
			return new Result(p.exitValue(), out);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException(e);
		}
	}
}
