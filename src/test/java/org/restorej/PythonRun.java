package org.restorej;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one way tests run Python (a reference reader or writer, found by {@link ExternalReaders}): both streams go
 * to files, so a chatty script cannot block on a full pipe and the timeout can fire, and both are kept for the
 * failure message.
 */
public final class PythonRun {

	/** Long enough for PyTorch to import on a loaded machine; a script that hangs still fails the test. */
	public static final Duration TIMEOUT = Duration.ofSeconds(300);

	private PythonRun() {}

	/** How the script ended and what it wrote. */
	public record Result(List<String> command, int exitCode, String out, String err) {

		/** What to show when the run does not do what the test expects. */
		public String describe() {
			return String.join(" ", command) + " exited with " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
		}

		/** Its standard output; fails the calling test unless it exited with 0. */
		public String outputOrFail() {
			if (exitCode != 0) throw new AssertionError(describe());
			return out;
		}
	}

	/** Runs {@code python args...}; fails the calling test when it has not ended after {@link #TIMEOUT}. */
	public static Result run(final String python, final String... args) throws IOException {
		return run(TIMEOUT, python, List.of(args));
	}

	public static Result run(final Duration timeout, final String python, final List<String> args)
		throws IOException
	{
		final List<String> command = new ArrayList<>(List.of(python));
		command.addAll(args);
		final Path out = Files.createTempFile("restorej-python", ".out"), err = Files.createTempFile("restorej-python",
			".err");
		try {
			final Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
				.start();
			try {
				if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
					throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout.toSeconds() +
						" s\nstdout:\n" + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
				}
			}
			catch (final InterruptedException e) {
				p.destroyForcibly();
				Thread.currentThread().interrupt();
				throw new IOException("interrupted while " + command + " ran", e);
			}
			return new Result(command, p.exitValue(), Files.readString(out), Files.readString(err));
		}
		finally {
			Files.deleteIfExists(out);
			Files.deleteIfExists(err);
		}
	}
}
