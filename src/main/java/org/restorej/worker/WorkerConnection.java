package org.restorej.worker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.restorej.io.PartialFiles;

/**
 * One running worker process: requests go to its standard input, messages come back on its standard
 * output (read by a thread into a queue, so the caller can wait with a timeout and poll for a cancel
 * meanwhile), and its standard error goes to a log file that failure messages quote.
 */
final class WorkerConnection {

	/** Put on the queue when the worker's output ends: it exited or crashed. */
	static final String ENDED = "ended";

	private final Process process;
	private final DataOutputStream toWorker;
	private final BlockingQueue<Message> fromWorker = new LinkedBlockingQueue<>();
	private final Path log;

	private WorkerConnection(final Process process, final Path log) {
		this.process = process;
		this.log = log;
		this.toWorker = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
		final DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream()));
		final Thread reader = new Thread(() -> {
			try {
				for (Message m = Message.read(in); m != null; m = Message.read(in))
					fromWorker.add(m);
			}
			catch (final IOException e) {
				// the stream broke: the worker is gone, as at the end of the stream
			}
			fromWorker.add(Message.of(ENDED));
		}, "RestoreJ worker reader");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * {@code -Drestorej.verbose=true} (e.g. in Fiji's {@code ImageJ.cfg} or {@code --jvm-options}): the
	 * worker's standard error, TensorFlow's whole native log included, goes to this JVM's instead of a
	 * temporary file.
	 */
	public static final String VERBOSE_PROPERTY = "restorej.verbose";

	private static final String LOG_PREFIX = "restorej-worker-", LOG_SUFFIX = ".log";

	/**
	 * Starts a worker and waits for it to say it is ready.
	 *
	 * @throws WorkerException if it cannot start or stops before it is ready
	 */
	static WorkerConnection start(final WorkerLaunch launch, final long timeoutMillis) {
		final Path log;
		final Process process;
		try {
			// what Fijis killed before they could delete their temporary files left
			final Path temp = Path.of(System.getProperty("java.io.tmpdir"));
			PartialFiles.removeStale(temp, WorkerImageRestorer.INPUT_PREFIX, WorkerImageRestorer.PLANES);
			PartialFiles.removeStale(temp, WorkerImageRestorer.OUTPUT_PREFIX, WorkerImageRestorer.PLANES);
			PartialFiles.removeStale(temp, LOG_PREFIX, LOG_SUFFIX);
			log = Files.createTempFile(LOG_PREFIX + PartialFiles.owner(), LOG_SUFFIX);
			log.toFile().deleteOnExit();
			final ProcessBuilder pb = new ProcessBuilder(launch.command());
			if (Boolean.getBoolean(VERBOSE_PROPERTY)) pb.redirectError(ProcessBuilder.Redirect.INHERIT);
			else {
				pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
				// the log is shown only when the worker fails: TensorFlow's INFO lines would bury the reason
				pb.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "1");
			}
			process = pb.start();
		}
		catch (final IOException e) {
			throw new WorkerException("Could not start RestoreJ's worker process with " + launch.java() + ": " + e
				.getMessage() + ". RestoreJ runs TensorFlow in a separate Java process; check that this Java " +
				"installation is complete.", e);
		}
		final WorkerConnection c = new WorkerConnection(process, log);
		final Message first = c.next(timeoutMillis);
		if (first != null && first.is("ready")) return c;
		c.kill();
		throw new WorkerException("RestoreJ's worker process " + (first == null ? "did not start within " +
			timeoutMillis / 1000 + " s" : "stopped while starting" + c.exitCode()) + ". " + c.logTail() +
			"Check the RestoreJ installation (its 'restorej' folder of jars beside 'plugins').");
	}

	void send(final Message m) {
		try {
			m.write(toWorker);
		}
		catch (final IOException e) {
			// the worker is gone: the caller learns it from the ENDED message on the queue
		}
	}

	/** The next message, or null if none came within {@code timeoutMillis}. */
	Message next(final long timeoutMillis) {
		try {
			return fromWorker.poll(timeoutMillis, TimeUnit.MILLISECONDS);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	boolean isAlive() {
		return process.isAlive();
	}

	long pid() {
		return process.pid();
	}

	/** Asks the worker to exit, and ends it if it has not within {@code graceMillis}. */
	void stop(final long graceMillis) {
		send(Message.of("shutdown"));
		try {
			if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) kill();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			kill();
		}
	}

	/**
	 * Ends the worker: first as Ctrl-C would, so that its shutdown hooks delete the outputs it was
	 * writing, then forcibly if it has not gone within 3 s.
	 */
	void kill() {
		process.destroy();
		try {
			if (!process.waitFor(3, TimeUnit.SECONDS)) process.destroyForcibly();
			process.waitFor(5, TimeUnit.SECONDS);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** {@code " (exit code 134)"}, or empty while it runs. */
	String exitCode() {
		try {
			process.waitFor(2, TimeUnit.SECONDS);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		return process.isAlive() ? "" : " (exit code " + process.exitValue() + ")";
	}

	/** The last lines of the worker's log, as a sentence for a failure message. */
	String logTail() {
		try {
			final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			if (lines.isEmpty()) return "Its log " + log + " is empty. ";
			final List<String> tail = lines.subList(Math.max(0, lines.size() - 12), lines.size());
			return "The end of its log " + log + ":\n  " + String.join("\n  ", tail) + "\n";
		}
		catch (final IOException e) {
			return "";
		}
	}
}
