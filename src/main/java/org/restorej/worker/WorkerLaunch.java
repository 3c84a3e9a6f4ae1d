package org.restorej.worker;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * How to start a worker: this JVM's {@code java}, and a class path of RestoreJ's jar and its private
 * dependencies (TensorFlow Java 1.1.0 with protobuf 3.21, ImgLib2, ...), which never appear on Fiji's
 * or ImageJ's own class path. The private jars are looked for, in order:
 * <ol>
 * <li>in {@code -Drestorej.worker.classpath} (a class path), if set;</li>
 * <li>in an installation: {@code restorej/} beside the folder holding RestoreJ's jar
 * ({@code Fiji.app/plugins/RestoreJ_.jar} uses {@code Fiji.app/restorej/});</li>
 * <li>in a build: {@code lib/} beside the jar ({@code target/restorej.jar} uses {@code target/lib/});</li>
 * <li>when RestoreJ runs from class folders (tests, an IDE), in this JVM's class path.</li>
 * </ol>
 */
public record WorkerLaunch(Path java, List<String> classPath, List<String> jvmOptions) {

	public static final String CLASSPATH_PROPERTY = "restorej.worker.classpath";
	/** Extra JVM options for the worker, separated by spaces, e.g. {@code -Xmx8g}. */
	public static final String OPTIONS_PROPERTY = "restorej.worker.options";
	public static final String MAIN_CLASS = "org.restorej.worker.process.WorkerMain";
	/** The installation folder of the worker's private jars, beside {@code plugins/}. */
	public static final String PRIVATE_FOLDER = "restorej";

	public List<String> command() {
		final List<String> cmd = new ArrayList<>();
		cmd.add(java.toString());
		cmd.addAll(jvmOptions);
		cmd.add("-cp");
		cmd.add(String.join(File.pathSeparator, classPath));
		cmd.add(MAIN_CLASS);
		return cmd;
	}

	/** @throws WorkerException if RestoreJ's private jars are nowhere to be found */
	public static WorkerLaunch find() {
		final Path java = Paths.get(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
		final List<String> options = new ArrayList<>(List.of("-Djava.awt.headless=true",
			// JavaCPP otherwise caps native memory in proportion to -Xmx, and TensorFlow's tensors live there
			"-Dorg.bytedeco.javacpp.maxPhysicalBytes=0"));
		final String extra = System.getProperty(OPTIONS_PROPERTY);
		if (extra != null && !extra.isBlank()) options.addAll(List.of(extra.trim().split("\\s+")));
		// the worker converts bioimage.io packages into the same cache as this JVM would
		final String cache = System.getProperty("restorej.cache");
		if (cache != null && !cache.isBlank()) options.add("-Drestorej.cache=" + cache);
		return new WorkerLaunch(java, findClassPath(), options);
	}

	static List<String> findClassPath() {
		final String explicit = System.getProperty(CLASSPATH_PROPERTY);
		if (explicit != null && !explicit.isBlank()) return List.of(explicit.split(File.pathSeparator));
		return classPathBeside(codeSource());
	}

	/** The worker's class path for RestoreJ's code at {@code code} (a jar or a class folder). */
	static List<String> classPathBeside(final Path code) {
		if (code == null || Files.isDirectory(code)) return List.of(System.getProperty("java.class.path").split(
			File.pathSeparator));
		final Path dir = code.toAbsolutePath().getParent();
		final Path installed = dir.getParent() == null ? null : dir.getParent().resolve(PRIVATE_FOLDER);
		for (final Path folder : new Path[] { installed, dir.resolve("lib") }) {
			final List<String> jars = jars(folder);
			if (jars.isEmpty()) continue;
			final List<String> cp = new ArrayList<>();
			cp.add(code.toString());
			cp.addAll(jars);
			return cp;
		}
		throw new WorkerException("RestoreJ's TensorFlow jars were not found: they belong in " + installed +
			" (the '" + PRIVATE_FOLDER + "' folder of the RestoreJ distribution, copied into the Fiji or ImageJ " +
			"folder beside 'plugins'), or name them with -D" + CLASSPATH_PROPERTY + "=...");
	}

	private static List<String> jars(final Path folder) {
		if (folder == null || !Files.isDirectory(folder)) return List.of();
		try (Stream<Path> s = Files.list(folder)) {
			return s.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toString).toList();
		}
		catch (final IOException e) {
			return List.of();
		}
	}

	private static Path codeSource() {
		try {
			return Paths.get(WorkerLaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (final URISyntaxException | SecurityException | NullPointerException e) {
			return null;
		}
	}

	private static boolean isWindows() {
		return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
	}
}
