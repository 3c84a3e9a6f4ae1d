package org.restorej.worker;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.restorej.engine.CancelledException;

/**
 * RestoreJ's TensorFlow, running in a worker process beside Fiji or ImageJ. Their class path carries
 * TensorFlow 1.15 and protobuf 4 in the same packages as RestoreJ's TensorFlow Java 1.1.0; the worker
 * has a class path of its own. It also keeps TensorFlow's native crashes, and the GPU memory TensorFlow
 * never gives back, out of the user's session.
 * <p>
 * One worker serves the JVM, one request at a time, and keeps the last model loaded, so a folder or a
 * series of macro calls loads it once. It is started at the first request, started again if it died,
 * and stopped after {@link #IDLE_PROPERTY} seconds without requests (default 300), which frees its
 * memory. A cancel asks it to stop after the current tile; if it has not within
 * {@link #GRACE_PROPERTY} seconds (default 10) it is ended.
 */
public final class Worker {

	public static final String IDLE_PROPERTY = "restorej.worker.idleSeconds";
	public static final String GRACE_PROPERTY = "restorej.worker.cancelGraceSeconds";
	private static final long START_TIMEOUT_MILLIS = 120_000;
	private static final long POLL_MILLIS = 100;

	private static final Worker SHARED = new Worker(WorkerLaunch::find);

	private final Supplier<WorkerLaunch> launch;
	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
		final Thread t = new Thread(r, "RestoreJ worker idle timer");
		t.setDaemon(true);
		return t;
	});
	/** Volatile for the shutdown hook, which must not wait for a running request's lock. */
	private volatile WorkerConnection connection;
	private ScheduledFuture<?> idleStop;
	/** Requests so far: an idle stop that was overtaken by a request must not stop the worker. */
	private long calls;

	Worker(final Supplier<WorkerLaunch> launch) {
		this.launch = launch;
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			// the JVM is exiting, perhaps in the middle of a request: end the worker without waiting for it
			final WorkerConnection c = connection;
			if (c != null) c.kill();
		}, "RestoreJ worker shutdown"));
	}

	/** The worker of this JVM. */
	public static Worker shared() {
		return SHARED;
	}

	/**
	 * Sends {@code request} and waits for its result, passing progress and log messages to
	 * {@code events} and polling {@code cancelled} (and this thread's interrupt) meanwhile.
	 *
	 * @param what the request in words, for messages (e.g. {@code "restoring cells.tif"})
	 * @throws CancelledException if cancelled
	 * @throws WorkerException if the worker failed, reported a failure, or could not start
	 */
	public synchronized Message call(final Message request, final Consumer<Message> events, final BooleanSupplier cancelled,
		final String what, final String imageName)
	{
		if (idleStop != null) idleStop.cancel(false);
		calls++;
		boolean interrupted = false;
		try {
			final WorkerConnection c = connection();
			c.send(request);
			long cancelDeadline = 0, done = 0, total = 0;
			while (true) {
				final Message m = c.next(POLL_MILLIS);
				if (Thread.interrupted()) interrupted = true;
				if (m == null) {
					if (cancelDeadline == 0 && (interrupted || cancelled.getAsBoolean())) {
						c.send(Message.of("cancel"));
						cancelDeadline = System.currentTimeMillis() + seconds(GRACE_PROPERTY, 10) * 1000;
					}
					else if (cancelDeadline != 0 && System.currentTimeMillis() > cancelDeadline) {
						// the current tile takes too long: end the worker (the next request starts another)
						c.kill();
						connection = null;
						throw new CancelledException(imageName, done, total);
					}
					continue;
				}
				switch (m.type()) {
					case "progress" -> {
						done = m.getLong("done");
						total = m.getLong("total");
						events.accept(m);
					}
					case "log" -> events.accept(m);
					case "result" -> {
						return m;
					}
					case "error" -> throw failure(m);
					case WorkerConnection.ENDED -> {
						connection = null;
						throw new WorkerException("RestoreJ's worker process stopped unexpectedly" + c.exitCode() +
							" while " + what + ". " + c.logTail() + "If it ran out of memory, try smaller tiles or " +
							"restore fewer planes at once; the next request starts a new worker.");
					}
					default -> events.accept(m);
				}
			}
		}
		finally {
			if (interrupted) Thread.currentThread().interrupt();
			scheduleIdleStop();
		}
	}

	/** Stops the worker now (it starts again at the next request). */
	public synchronized void stop() {
		if (connection != null) connection.stop(2000);
		connection = null;
	}

	/** The worker's process id, or -1 when none runs (for tests and logs). */
	public synchronized long pid() {
		return connection != null && connection.isAlive() ? connection.pid() : -1;
	}

	private WorkerConnection connection() {
		if (connection == null || !connection.isAlive()) connection = WorkerConnection.start(launch.get(),
			START_TIMEOUT_MILLIS);
		return connection;
	}

	private void scheduleIdleStop() {
		final long idle = seconds(IDLE_PROPERTY, 300), at = calls;
		idleStop = timer.schedule(() -> stopIfIdleSince(at), idle, TimeUnit.SECONDS);
	}

	private synchronized void stopIfIdleSince(final long callCount) {
		if (calls == callCount) stop();
	}

	private static RuntimeException failure(final Message m) {
		// the worker's own words: it knows whether tiles or training steps were cut short
		if (m.get("kind").equals("cancelled")) return CancelledException.of(m.get("message"), m.getLong("done"), m
			.getLong("total"));
		if (m.get("kind").equals("failed")) return new WorkerException(m.get("message"));
		return new WorkerException("RestoreJ's worker failed with an unexpected " + m.get("exception") + ": " + m.get(
			"message") + " (the stack trace is in the worker's log; please report it)");
	}

	private static long seconds(final String property, final long fallback) {
		try {
			return Long.parseLong(System.getProperty(property, Long.toString(fallback)));
		}
		catch (final NumberFormatException e) {
			return fallback;
		}
	}
}
