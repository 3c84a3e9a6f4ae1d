package org.restorej.tiff.write;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.restorej.ExternalReaders;
import org.restorej.PythonRun;

/**
 * Runs reference readers (tifffile, GDAL) on files the writer made, in the Python
 * {@link ExternalReaders} found them in.
 */
final class PythonReaders {

	private PythonReaders() {}

	/** Runs a script from this package's resources with arguments; fails unless it succeeds, with its stderr. */
	static String script(final String python, final Path dir, final String resource, final String... args)
		throws IOException
	{
		final Path script = dir.resolve(resource);
		try (InputStream in = PythonReaders.class.getResourceAsStream(resource)) {
			Files.write(script, in.readAllBytes());
		}
		final List<String> command = new ArrayList<>(List.of(script.toString()));
		command.addAll(List.of(args));
		return PythonRun.run(PythonRun.TIMEOUT, python, command).outputOrFail();
	}
}
