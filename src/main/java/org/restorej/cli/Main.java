package org.restorej.cli;

import java.io.IOException;
import java.io.PrintWriter;

import org.restorej.RestoreJException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar restorej.jar <command>}: RestoreJ outside Fiji. Errors a user can act on print their
 * message (no stack trace unless {@code --debug}) and exit with 1; usage errors exit with 2. TensorFlow's
 * native log is kept off the terminal unless {@code --verbose} ({@link QuietLauncher}).
 */
@Command(name = "restorej", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
	description = { "Image restoration with Restormer and AST (TensorFlow Java).",
		"Start with 'restore --model NAME IN OUT' (bundled models: 'info --model NAME'); without clean images, " +
			"'train --noisy DIR -o MODEL_DIR' fine-tunes a model on your noisy images alone." },
	subcommands = { RestoreCommand.class, ImportCommand.class, PredictCommand.class, VerifyCommand.class, InfoCommand.class, ExportCommand.class,
		BenchCommand.class, DemoCommand.class, TrainCommand.class, EvaluateCommand.class, MetricsCommand.class,
		CommandLine.HelpCommand.class })
public final class Main {

	public static void main(final String... args) throws Exception {
		if (QuietLauncher.wanted(java.util.List.of(args))) System.exit(QuietLauncher.run(java.util.List.of(args)));
		QuietLauncher.exitWithLauncher();
		// JavaCPP otherwise caps native memory in proportion to -Xmx, and TensorFlow's tensors live there
		if (System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null) System.setProperty(
			"org.bytedeco.javacpp.maxPhysicalBytes", "0");
		System.exit(execute(args));
	}

	/** Runs a command line and returns its exit code (for tests and scripts). */
	public static int execute(final String... args) {
		final boolean debug = java.util.Arrays.asList(args).contains("--debug");
		// --verbose only decides whether TensorFlow's log is shown (see QuietLauncher)
		final String[] rest = java.util.Arrays.stream(args).filter(a -> !a.equals("--debug") && !a.equals("--verbose"))
			.toArray(String[]::new);
		final CommandLine cli = new CommandLine(new Main());
		cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
			final PrintWriter err = cmd.getErr();
			if (debug) e.printStackTrace(err);
			if (e instanceof RestoreJException || e instanceof IOException) err.println("restorej: " + message(e));
			else err.println("restorej: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage() +
				(debug ? "" : " (run again with --debug for details)"));
			err.flush();
			return 1;
		});
		return cli.execute(rest);
	}

	private static String message(final Exception e) {
		if (e instanceof java.nio.file.NoSuchFileException) return "no such file: " + e.getMessage();
		if (e instanceof java.nio.file.FileAlreadyExistsException f) return f.getFile() + " exists: " + f
			.getReason();
		return e.getMessage();
	}

	static final class Version implements CommandLine.IVersionProvider {
		@Override
		public String[] getVersion() {
			final String v = Main.class.getPackage().getImplementationVersion();
			return new String[] { "RestoreJ " + (v == null ? "(development)" : v) };
		}
	}
}
