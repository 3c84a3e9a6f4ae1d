package org.restorej.restore.local;

import java.io.IOException;
import java.nio.file.Path;

import org.restorej.restore.FileStreaming;
import org.restorej.restore.OutputCompression;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.StreamingMode;

/**
 * The command line's streaming: which files stream is {@link StreamingMode}'s choice for this JVM's
 * heap, and the restoration runs in this JVM with the restorer's loaded model.
 */
public final class StreamingPolicy implements FileStreaming {

	private final StreamingRestore restore;
	private final StreamingMode mode;
	private final OutputCompression compression;
	private final long heap;

	StreamingPolicy(final StreamingRestore restore, final StreamingMode mode, final OutputCompression compression,
		final long heap)
	{
		this.restore = restore;
		this.mode = mode;
		this.compression = compression;
		this.heap = heap;
	}

	@Override
	public boolean streams(final Path input) {
		return mode.streams(input, heap);
	}

	@Override
	public void restore(final Path input, final Path output, final RestoreSettings settings, final boolean overwrite,
		final RunMonitor monitor) throws IOException
	{
		stream(input, output, settings, overwrite, monitor);
	}

	/** Streams {@code input} into {@code output} whatever the mode, and says what it moved. */
	public StreamingResult stream(final Path input, final Path output, final RestoreSettings settings,
		final boolean overwrite, final RunMonitor monitor) throws IOException
	{
		return restore.restore(input, output, settings, compression, overwrite, monitor);
	}
}
