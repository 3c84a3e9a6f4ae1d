package org.restorej.restore;

import java.io.IOException;
import java.nio.file.Path;

import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;

/**
 * Restoring files without loading them whole: which files take that path, and the restoration
 * itself. The command line streams large and tiled files; front ends that load images into ImageJ
 * use {@link #NONE}.
 */
public interface FileStreaming {

	/** Every file is loaded whole. */
	FileStreaming NONE = new FileStreaming() {
		@Override
		public boolean streams(final Path input) {
			return false;
		}

		@Override
		public void restore(final Path input, final Path output, final RestoreSettings settings,
			final boolean overwrite, final RunMonitor monitor)
		{
			throw new UnsupportedOperationException("no streaming here");
		}
	};

	/** Whether {@code input} is restored by {@link #restore} instead of being loaded whole. */
	boolean streams(Path input);

	/** Restores {@code input} into {@code output} region by region (written under a temporary name). */
	void restore(Path input, Path output, RestoreSettings settings, boolean overwrite, RunMonitor monitor)
		throws IOException;
}
