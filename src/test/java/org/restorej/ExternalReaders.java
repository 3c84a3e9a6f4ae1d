package org.restorej;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The independent readers some tests check RestoreJ's files with, each in the Python that has it.
 * {@code .ci/run} installs them (Debian's python3-numpy, python3-tifffile and python3-gdal for
 * /usr/bin/python3; PyTorch from the machine's offline wheel for the default python3). A test asks
 * for the ones it uses: where one is missing the test is skipped on a developer's machine, and fails
 * under CI ({@code CI=true}), so that a green CI run means every such check ran.
 */
public enum ExternalReaders {

	NUMPY("import numpy", "python3-numpy (apt-get install python3-numpy)"),
	TIFFFILE("import numpy, tifffile", "tifffile (apt-get install python3-tifffile python3-numpy)"),
	GDAL("from osgeo import gdal", "GDAL's Python bindings (apt-get install python3-gdal)"),
	ZARR("import numpy, zarr, numcodecs", "python zarr 2 (apt-get install python3-zarr python3-numcodecs)"),
	TORCH("import torch", "PyTorch (python3 -m pip install --no-index --no-deps torch, or apt-get install " +
		"python3-torch)");

	/** Debian's Python first, where apt installs; then the one on the PATH. */
	private static final List<String> PYTHONS = List.of("/usr/bin/python3", "python3");
	private static final Map<ExternalReaders, String> FOUND = new HashMap<>();

	private final String probe, install;

	ExternalReaders(final String probe, final String install) {
		this.probe = probe;
		this.install = install;
	}

	/**
	 * The Python that has all of {@code readers}; skips the calling test without one, or fails it
	 * under CI.
	 */
	public static String python(final ExternalReaders... readers) {
		String python = null;
		for (final ExternalReaders r : readers) {
			final String p = r.find();
			if (p == null) missing(r.install + " for " + String.join(" or ", PYTHONS));
			if (python != null && !python.equals(p)) missing(List.of(readers) + " in one Python (" + python + " has " +
				readers[0] + ", " + p + " has " + r + ")");
			python = p;
		}
		return python;
	}

	private static void missing(final String what) {
		final String message = "needs " + what + "; .ci/run installs it";
		if (Boolean.parseBoolean(System.getenv("CI"))) Assertions.fail("Under CI every independent reader must be " +
			"there: this test " + message);
		Assumptions.abort("skipped: this test " + message);
	}

	private String find() {
		synchronized (FOUND) {
			if (!FOUND.containsKey(this)) {
				String found = null;
				// PyTorch: the default python3's (the machine's 2.13 wheel) before Debian's older python3-torch
				for (final String p : this == TORCH ? List.of(PYTHONS.get(1), PYTHONS.get(0)) : PYTHONS)
					if (runs(p, probe)) {
						found = p;
						break;
					}
				FOUND.put(this, found);
			}
			return FOUND.get(this);
		}
	}

	private static boolean runs(final String python, final String code) {
		if (python.startsWith("/") && !Files.isExecutable(Path.of(python))) return false;
		try {
			final Process p = new ProcessBuilder(python, "-c", code).redirectErrorStream(true).redirectOutput(
				ProcessBuilder.Redirect.DISCARD).start();
			if (!p.waitFor(120, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				return false;
			}
			return p.exitValue() == 0;
		}
		catch (final IOException e) {
			return false;
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}
}
