package org.restorej.worker.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.restorej.restore.local.ModelCache;
import org.restorej.worker.Message;

/**
 * The worker process: reads requests from its standard input and answers on its standard output
 * (see {@link org.restorej.worker.Worker}). Requests run one at a time on a thread of their own, so
 * that a cancel can arrive while one runs. It exits when asked, or when its input ends because
 * RestoreJ's JVM is gone.
 */
public final class WorkerMain {

	private WorkerMain() {}

	public static void main(final String[] args) throws IOException {
		final DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(
			FileDescriptor.out)));
		// whatever Java code prints goes to the log, never into the message stream
		System.setOut(System.err);
		final Replies replies = new Replies(out);
		final AtomicBoolean cancelled = new AtomicBoolean();
		final ExecutorService jobs = Executors.newSingleThreadExecutor(r -> new Thread(r, "RestoreJ worker job"));
		try (ModelCache models = new ModelCache()) {
			final Requests requests = new Requests(replies, models, cancelled::get);
			replies.send(Message.of("ready", "pid", Long.toString(ProcessHandle.current().pid())));
			final DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
			for (Message m = Message.read(in); m != null && !m.is("shutdown"); m = Message.read(in)) {
				if (m.is("cancel")) {
					cancelled.set(true);
					continue;
				}
				cancelled.set(false);
				final Message request = m;
				jobs.submit(() -> requests.handle(request));
			}
			jobs.shutdownNow();
		}
		// TensorFlow's threads are not daemons
		System.exit(0);
	}
}
