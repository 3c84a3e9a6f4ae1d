package org.restorej.engine;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the output side of a restoration (blending tile outputs, writing pixels, reporting finished
 * rows) on a thread of its own, one task at a time and in order, so that the network works on the next
 * batch of tiles meanwhile. At most one task waits: memory stays one batch of outputs above the
 * sequential order. A task's failure is thrown by the next {@link #submit} or by {@link #finish}.
 */
final class OutputPipeline implements AutoCloseable {

	private final ExecutorService thread;
	private Future<?> pending;

	OutputPipeline(final String imageName) {
		thread = Executors.newSingleThreadExecutor(r -> {
			final Thread t = new Thread(r, "restorej-output " + imageName);
			t.setDaemon(true);
			return t;
		});
	}

	/** Runs {@code task} after the previous one, waiting for that one to end first. */
	void submit(final Runnable task) {
		await();
		pending = thread.submit(task);
	}

	/** Waits for the last task; throws what it threw. */
	void finish() {
		await();
	}

	private void await() {
		if (pending == null) return;
		final Future<?> p = pending;
		pending = null;
		try {
			getUninterruptibly(p);
		}
		catch (final ExecutionException e) {
			if (e.getCause() instanceof RuntimeException r) throw r;
			if (e.getCause() instanceof Error err) throw err;
			throw new IllegalStateException(e.getCause());
		}
	}

	/**
	 * Waits for {@code task} even if interrupted (an interrupt is a cancel, which the caller's next
	 * checkpoint reports once the pixels in flight are written), keeping the interrupt.
	 */
	private static void getUninterruptibly(final Future<?> task) throws ExecutionException {
		boolean interrupted = false;
		try {
			while (true)
				try {
					task.get();
					return;
				}
				catch (final InterruptedException e) {
					interrupted = true;
				}
		}
		finally {
			if (interrupted) Thread.currentThread().interrupt();
		}
	}

	/**
	 * Lets a running task end (a failure elsewhere must not leave it writing into an output the caller
	 * is about to delete), then stops the thread.
	 */
	@Override
	public void close() {
		try {
			if (pending != null) getUninterruptibly(pending);
		}
		catch (final ExecutionException | CancellationException e) {
			// the caller is already failing with its own exception
		}
		finally {
			thread.shutdown();
		}
	}
}
