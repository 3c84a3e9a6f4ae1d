package org.restorej.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.restorej.RestoreJException;

/**
 * Runs reads of mutated files and sorts how each ended: a {@link RestoreJException} naming the input
 * (a clean error), a read that completes, or anything else (another exception, an error, a read that
 * does not end, or one allocating more than the budget), which the fuzz tests refuse. Every read runs
 * on one thread, whose allocated bytes are counted: a budget in bytes, not in time.
 */
public final class Mutants implements AutoCloseable {

	/** One read to try: what names the input in a clean error, and the read itself. */
	public interface Read {
		void run() throws Exception;
	}

	/** How many ended each way, and the first few of "anything else" with what happened. */
	public record Tally(int cleanErrors, int readFine, List<String> other, long maxAllocated) {
		public int total() {
			return cleanErrors + readFine + other.size();
		}

		@Override
		public String toString() {
			return total() + " mutants: " + cleanErrors + " clean errors, " + readFine + " read fine, " + other.size() +
				" other (most allocated by one read: " + maxAllocated / 1024 + " KB)" + (other.isEmpty() ? "" : ": " + other
					.subList(0, Math.min(5, other.size())));
		}
	}

	private ExecutorService thread = reader();
	private final long budgetBytes;
	private int clean, fine;
	private long maxAllocated;
	private final List<String> other = new ArrayList<>();

	/** @param budgetBytes the most one read may allocate on the heap */
	public Mutants(final long budgetBytes) {
		this.budgetBytes = budgetBytes;
	}

	/** Tries one mutant, described by {@code what}; a clean error's message must contain {@code name}. */
	public void tryRead(final String what, final String name, final Read read) {
		final com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		record Ended(long allocated, Throwable failure) {}
		final Future<Ended> f = thread.submit(() -> {
			final long before = mx.getCurrentThreadAllocatedBytes();
			Throwable failure = null;
			try {
				read.run();
			}
			catch (final Throwable t) {
				failure = t;
			}
			return new Ended(mx.getCurrentThreadAllocatedBytes() - before, failure);
		});
		final Ended ended;
		try {
			// a guard against a read that never ends, far above what a read of these small files takes
			ended = f.get(60, TimeUnit.SECONDS);
		}
		catch (final TimeoutException e) {
			// left behind (a daemon): the next mutants get a thread of their own
			f.cancel(true);
			thread.shutdownNow();
			thread = reader();
			other.add(what + ": still reading after 60 s");
			return;
		}
		catch (final InterruptedException | java.util.concurrent.ExecutionException e) {
			throw new IllegalStateException(e);
		}
		maxAllocated = Math.max(maxAllocated, ended.allocated());
		final Throwable t = ended.failure();
		if (ended.allocated() > budgetBytes) other.add(what + ": allocated " + ended.allocated() + " bytes" + (t == null
			? "" : " before " + t));
		else if (t == null) fine++;
		else if (t instanceof RestoreJException && t.getMessage() != null && t.getMessage().contains(name)) clean++;
		else other.add(what + ": " + t);
	}

	private static ExecutorService reader() {
		return Executors.newSingleThreadExecutor(r -> {
			final Thread t = new Thread(r, "mutant reader");
			t.setDaemon(true);
			return t;
		});
	}

	public Tally tally() {
		return new Tally(clean, fine, List.copyOf(other), maxAllocated);
	}

	/** Fails unless every mutant ended in a clean error or a read, and both happened. */
	public void assertAllClean(final String area) {
		final Tally t = tally();
		System.out.println(area + ": " + t);
		assertTrue(t.other().isEmpty(), area + ": " + t);
		assertTrue(t.cleanErrors() > 0 && t.readFine() > 0, area + ": the mutants should both break and spare reads: " +
			t);
	}

	@Override
	public void close() {
		thread.shutdownNow();
	}
}
