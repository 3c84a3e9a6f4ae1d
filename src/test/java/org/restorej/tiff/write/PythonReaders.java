package org.restorej.tiff.write;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.restorej.ExternalReaders;

/**
 * Runs reference readers (tifffile, GDAL) on files the writer made, in the Python
 * {@link ExternalReaders} found them in.
 */
final class PythonReaders {

	private PythonReaders() {}

	record Result(int exitCode, String out) {}

	/** Runs a script from this package's resources with arguments; fails unless it succeeds. */
	static String script(final String python, final Path dir, final String resource, final String... args)
		throws IOException
	{
		final Path script = dir.resolve(resource);
		try (InputStream in = PythonReaders.class.getResourceAsStream(resource)) {
			Files.write(script, in.readAllBytes());
		}
		final List<String> command = new ArrayList<>(List.of(script.toString()));
		command.addAll(List.of(args));
		final Result r = run(python, command);
		if (r.exitCode != 0) throw new AssertionError(resource + " failed:\n" + r.out);
		return r.out;
	}

	private static Result run(final String python, final List<String> args) throws IOException {
		final List<String> command = new ArrayList<>(List.of(python));
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
