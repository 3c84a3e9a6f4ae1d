package org.restorej.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps TensorFlow's native log off the terminal. TensorFlow reads {@code TF_CPP_MIN_LOG_LEVEL} once,
 * from the C environment, and a Java process cannot change its own; some lines (absl's) ignore it
 * anyway. So {@code restorej} starts itself again as a child JVM (same Java, options and class path)
 * with the variable set, and drops the native INFO and WARNING lines that still reach the child's
 * standard error; everything else (RestoreJ's messages, the progress bar, TensorFlow's errors) passes
 * through as written. Standard input and output are inherited. {@code --verbose}, or the variable set
 * by the user, runs in this JVM with TensorFlow's log as TensorFlow writes it.
 */
final class QuietLauncher {

	static final String LEVEL_VARIABLE = "TF_CPP_MIN_LOG_LEVEL";
	/** TensorFlow's own filter: errors only. */
	static final String QUIET_LEVEL = "2";

	/**
	 * A native INFO or WARNING line: TensorFlow's format ({@code 2026-01-01 12:00:00.123: I tensorflow/...:83]
	 * ...}), absl's ({@code I0000 00:00:17.1   123 file.cc:401] ...}), absl's banner about logging before
	 * initialisation, the continuation line of the CPU feature notice, and oneDNN's notice (logged as an
	 * error, though TensorFlow then runs on as usual) that it leaves 32-bit integer ops to Eigen without AVX-512.
	 */
	static final Pattern NATIVE_LOG = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+: [IW] .*" +
		"|(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+: E |E\\d{4} \\d\\d:\\d\\d:\\d+\\.\\d+ +\\d+ )\\S+:\\d+\\] " +
		"oneDNN supports DT_INT32 only on platforms with AVX-512\\..*" +
		"|[IW]\\d{4} \\d\\d:\\d\\d:\\d+\\.\\d+ +\\d+ \\S+:\\d+\\] .*" +
		"|WARNING: All log messages before absl::InitializeLog\\(\\) is called are written to STDERR" +
		"|To enable the following instructions: .*rebuild TensorFlow with the appropriate compiler flags\\.");

	/** Set on the child: the launcher's process id, whose end ends the child. */
	static final String LAUNCHER_PROPERTY = "restorej.launcherPid";
	/** The exit code of a child whose launcher went away (as after SIGTERM). */
	static final int EXIT_LAUNCHER_GONE = 143;
	/** How long a stopped child may take to delete its partial outputs before it is killed. */
	private static final long STOP_GRACE_SECONDS = 20;

	private QuietLauncher() {}

	/** Whether {@code main} should run the command in a quiet child JVM. */
	static boolean wanted(final List<String> args) {
		return System.getenv(LEVEL_VARIABLE) == null && !args.contains("--verbose") && !Boolean.getBoolean(
			"restorej.inProcess");
	}

	/** Runs the command line in a child JVM and returns its exit code. */
	static int run(final List<String> args) throws IOException, InterruptedException {
		final List<String> cmd = new ArrayList<>();
		cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// a debugger's agent would try to listen on the same port twice
		ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> !a.startsWith("-agentlib:jdwp") &&
			!a.startsWith("-Xrunjdwp")).forEach(cmd::add);
		cmd.add("-D" + LAUNCHER_PROPERTY + "=" + ProcessHandle.current().pid());
		cmd.add("-cp");
		cmd.add(System.getProperty("java.class.path"));
		cmd.add(Main.class.getName());
		cmd.addAll(args);
		final ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT)
			.redirectOutput(ProcessBuilder.Redirect.INHERIT);
		pb.environment().put(LEVEL_VARIABLE, QUIET_LEVEL);
		final Process child = pb.start();
		// Ctrl-C reaches the child too (same process group), a kill or docker stop only this process: either
		// way the child is told to stop, and this JVM waits while its shutdown hooks delete its partial outputs
		final Thread stopChild = new Thread(() -> stop(child), "restorej stop child");
		Runtime.getRuntime().addShutdownHook(stopChild);
		final Thread copier = new Thread(() -> filter(child.getErrorStream(), System.err), "restorej stderr");
		copier.start();
		final int code = child.waitFor();
		copier.join();
		try {
			Runtime.getRuntime().removeShutdownHook(stopChild);
		}
		catch (final IllegalStateException e) {
			// shutting down: the hook has stopped the child, whose exit code is this run's
		}
		return code;
	}

	/** Ends the child as a SIGTERM does (its shutdown hooks run), forcibly if it is still there after a while. */
	private static void stop(final Process child) {
		child.destroy();
		try {
			if (!child.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
		catch (final InterruptedException e) {
			child.destroyForcibly();
		}
	}

	/**
	 * In the child: exits (running its shutdown hooks, which delete partial outputs) once the launcher that
	 * started it is gone, e.g. killed with SIGKILL, which leaves it no chance to stop the child itself.
	 */
	static void exitWithLauncher() {
		final String pid = System.getProperty(LAUNCHER_PROPERTY);
		if (pid == null) return;
		final ProcessHandle launcher = ProcessHandle.of(Long.parseLong(pid)).orElse(null);
		final Thread watch = new Thread(() -> {
			try {
				while (launcher != null && launcher.isAlive())
					Thread.sleep(500);
			}
			catch (final InterruptedException e) {
				return;
			}
			System.exit(EXIT_LAUNCHER_GONE);
		}, "restorej launcher watch");
		watch.setDaemon(true);
		watch.start();
	}

	/**
	 * Copies {@code in} to {@code out} without the native log lines. A line is held back only while it
	 * could still turn out to be one, so a progress bar redrawn with carriage returns shows at once.
	 */
	static void filter(final InputStream in, final PrintStream out) {
		final Reader r = new InputStreamReader(in, Charset.defaultCharset());
		final StringBuilder pending = new StringBuilder();
		boolean passing = false; // the current line is known not to be a log line
		final char[] buf = new char[4096];
		try {
			int n;
			while ((n = r.read(buf)) >= 0) {
				for (int i = 0; i < n; i++) {
					final char c = buf[i];
					if (passing) {
						out.print(c);
						if (c == '\n' || c == '\r') passing = false;
						continue;
					}
					if (c == '\n' || c == '\r') {
						if (!NATIVE_LOG.matcher(pending).matches()) out.print(pending.toString() + c);
						pending.setLength(0);
						continue;
					}
					pending.append(c);
				}
				if (!passing && pending.length() > 0 && !couldBeLog(pending)) {
					out.print(pending);
					pending.setLength(0);
					passing = true;
				}
				out.flush();
			}
			if (!NATIVE_LOG.matcher(pending).matches()) out.print(pending);
			out.flush();
		}
		catch (final IOException e) {
			// the child is gone; what it wrote has been copied
		}
	}

	private static boolean couldBeLog(final CharSequence partialLine) {
		final Matcher m = NATIVE_LOG.matcher(partialLine);
		return m.matches() || m.hitEnd();
	}

}
