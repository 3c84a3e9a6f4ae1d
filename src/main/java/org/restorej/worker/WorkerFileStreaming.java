package org.restorej.worker;

import java.nio.file.Path;

import org.restorej.restore.FileStreaming;
import org.restorej.restore.OutputCompression;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.StreamingMode;
import org.restorej.restore.local.StreamingResult;

/**
 * Fiji's and ImageJ's way to restore files too large to load: which files stream is
 * {@link StreamingMode}'s choice for this JVM's heap (the one that would otherwise load them into
 * ImageJ), and the {@link Worker} restores them file to file with its loaded model, so no pixel crosses
 * the pipe. Only the file's header is read here, without ImgLib2 or TensorFlow.
 */
public final class WorkerFileStreaming implements FileStreaming {

	private final Path model;
	private final StreamingMode mode;
	private final OutputCompression compression;

	public WorkerFileStreaming(final Path modelDir, final StreamingMode mode, final OutputCompression compression) {
		this.model = modelDir.toAbsolutePath().normalize();
		this.mode = mode;
		this.compression = compression;
	}

	@Override
	public boolean streams(final Path input) {
		return mode.streams(input, Runtime.getRuntime().maxMemory());
	}

	@Override
	public void restore(final Path input, final Path output, final RestoreSettings settings, final boolean overwrite,
		final RunMonitor monitor)
	{
		stream(input, output, settings, overwrite, monitor);
	}

	/**
	 * Streams {@code input} into {@code output} whatever the mode, and says what it moved.
	 *
	 * @throws org.restorej.engine.CancelledException if cancelled (no output, no temporary file)
	 * @throws WorkerException if the worker failed, e.g. on a file it cannot read
	 */
	public StreamingResult stream(final Path input, final Path output, final RestoreSettings settings,
		final boolean overwrite, final RunMonitor monitor)
	{
		final String name = input.getFileName().toString();
		final Message result = Worker.shared().call(Message.of("stream", "model", model.toString(), "input", input
			.toAbsolutePath().toString(), "output", output.toAbsolutePath().toString(), "settings", settings.toOptions(),
			"compression", compression.id(), "overwrite", Boolean.toString(overwrite)), m -> WorkerImageRestorer.relay(m,
				monitor), monitor.cancelled(), "streaming " + name, name);
		return StreamingResult.fromMap(result.fields());
	}
}
