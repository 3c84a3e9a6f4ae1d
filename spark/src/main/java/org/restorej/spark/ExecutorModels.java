package org.restorej.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.spark.SparkFiles;
import org.restorej.bioimageio.SafeZip;
import org.restorej.engine.Restorer;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.local.EngineOptions;
import org.restorej.restore.local.ModelCache;

/**
 * The model of this executor JVM: unpacked from the job's zip once, loaded once (the core's
 * {@link ModelCache}, keyed by folder and execution options) and shared by the tasks that run here, one
 * after the other or at once (a restorer holds no state between calls).
 */
final class ExecutorModels {

	private static final Map<String, Path> UNPACKED = new HashMap<>();
	private static final ModelCache MODELS = new ModelCache();

	private ExecutorModels() {}

	/** The restorer for the model shipped as {@code zipName} (or at {@code sharedDir}, if not null). */
	static synchronized Restorer restorer(final String zipName, final String sharedDir, final RestoreSettings s) {
		final Path dir = sharedDir != null ? Path.of(sharedDir) : UNPACKED.computeIfAbsent(zipName,
			ExecutorModels::unpack);
		return MODELS.restorer(dir, EngineOptions.execution(s), m -> System.err.println("[restorej] " + m));
	}

	private static Path unpack(final String zipName) {
		try {
			final Path zip = Path.of(SparkFiles.get(zipName));
			final Path dir = Files.createTempDirectory(zip.getParent(), zipName.replace(".zip", "-"));
			SafeZip.extract(zip, dir, SafeZip.Limits.DEFAULT);
			return dir;
		}
		catch (final IOException e) {
			throw new UncheckedIOException("cannot unpack the job's model " + zipName + " on this executor", e);
		}
	}
}
