package org.restorej.fiji;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a class in a JVM of its own, on a class path the test chooses, and collects what it printed. */
public final class ForkedJvm {

	/** Exit code and output (standard output and error together) of a forked JVM. */
	public record Result(int exitCode, String output) {}

	private ForkedJvm() {}

	/** The jar (or class folder) a class was loaded from in this JVM. */
	public static Path jarOf(final String className) {
		try {
			return Paths.get(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (final Exception e) {
			throw new IllegalStateException("cannot locate " + className, e);
		}
	}

	/** The packaged Fiji layout ({@code mvn package} makes it; failsafe names it). */
	public static Path fijiLayout() {
		final Path p = Paths.get(System.getProperty("restorej.fiji", "target/fiji"));
		if (!Files.isRegularFile(p.resolve("plugins/RestoreJ_.jar"))) throw new IllegalStateException(p +
			" holds no RestoreJ_.jar: run 'mvn verify' (the integration tests run on the packaged layout)");
		return p.toAbsolutePath();
	}

	public static Result run(final List<String> jvmOptions, final List<Path> classPath, final String mainClass,
		final List<String> args, final Path workDir, final long timeoutSeconds) throws IOException,
		InterruptedException
	{
		final List<String> cmd = new ArrayList<>();
		cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		cmd.addAll(jvmOptions);
		cmd.add("-cp");
		cmd.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
		cmd.add(mainClass);
		cmd.addAll(args);
		final Path log = Files.createTempFile("restorej-forked-", ".log");
		try {
			final ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
				.redirectOutput(log.toFile());
			pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "1");
			final Process p = pb.start();
			if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				p.descendants().forEach(ProcessHandle::destroyForcibly);
				p.destroyForcibly();
				return new Result(-1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(log,
					StandardCharsets.UTF_8));
			}
			return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(log);
		}
	}
}
