package org.restorej.worker.process;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.restorej.RestoreJException;
import org.restorej.engine.CancelledException;
import org.restorej.worker.Message;

/** The worker's side of the message stream: its standard output, written by one thread at a time. */
final class Replies {

	private final DataOutputStream out;

	Replies(final DataOutputStream out) {
		this.out = out;
	}

	synchronized void send(final Message m) {
		try {
			m.write(out);
		}
		catch (final IOException e) {
			// RestoreJ is gone: nobody is listening any more
			throw new UncheckedIOException(e);
		}
	}

	void log(final String message) {
		send(Message.of("log", "message", message));
	}

	/** What the user must see (e.g. a result off scale), which the caller shows even when it hides the log. */
	void warning(final String message) {
		send(Message.of("warning", "message", message));
	}

	/** Reports a failure as the caller should see it: cancelled, a user-facing failure, or a bug. */
	void failure(final Throwable e) {
		if (e instanceof CancelledException c) send(Message.of("error", "kind", "cancelled", "done", Long.toString(c
			.tilesDone()), "total", Long.toString(c.tilesTotal()), "message", c.getMessage()));
		else if (e instanceof RestoreJException || e instanceof IOException) send(Message.of("error", "kind",
			"failed", "message", e.getMessage()));
		else {
			e.printStackTrace();
			send(Message.of("error", "kind", "unexpected", "exception", e.getClass().getName(), "message", String
				.valueOf(e.getMessage())));
		}
	}
}
