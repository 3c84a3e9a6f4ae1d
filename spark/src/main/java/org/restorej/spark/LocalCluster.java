package org.restorej.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A standalone Spark cluster on 127.0.0.1 made of child processes of this JVM, all from
 * restorej-spark.jar: a master and workers of a given number of cores, plus any other process started
 * through it (a driver). {@link #close()} stops every one of them, and the executors the workers
 * started, by process id. For the integration test and the benchmark; a real cluster is started as
 * README's "Beyond one machine" shows.
 */
public final class LocalCluster implements AutoCloseable {

	/** What Spark opens on Java 17 for processes started with {@code -cp} (the jar's manifest does it for {@code -jar}). */
	public static final List<String> OPENS = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED",
		"--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
		"--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED");
	static final String JAVA = ProcessHandle.current().info().command().orElse("java");

	private final Path jar, work;
	private final List<Process> started = new ArrayList<>();
	private final List<Process> workers = new ArrayList<>();
	private final Map<Process, List<String>> output = new ConcurrentHashMap<>();
	private String master;

	private LocalCluster(final Path jar, final Path work) {
		this.jar = jar.toAbsolutePath();
		this.work = work;
	}

	/** A master and {@code workers} workers of {@code cores} cores and {@code memory} (e.g. "2g") each, registered. */
	public static LocalCluster start(final Path jar, final Path work, final int workers, final int cores,
		final String memory) throws IOException, InterruptedException
	{
		final LocalCluster c = new LocalCluster(jar, work);
		try {
			// a Spark installation's layout, which workers build their executors' class path from: jars/
			final Path home = Files.createDirectories(work.resolve("spark-home/jars")).getParent();
			final Path link = home.resolve("jars/restorej-spark.jar");
			if (!Files.exists(link)) Files.createSymbolicLink(link, c.jar);
			final int port;
			try (ServerSocket s = new ServerSocket(0)) {
				port = s.getLocalPort();
			}
			c.master = "spark://127.0.0.1:" + port;
			final Process m = c.start(Map.of(), c.java(List.of("-Dspark.master.rest.enabled=false", "-cp", c.jar
				.toString(), "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", Integer.toString(
					port), "--webui-port", "0")));
			c.await(m, l -> l.contains("I have been elected leader"), Duration.ofSeconds(90), "the master starts");
			for (int i = 1; i <= workers; i++)
				c.workers.add(c.start(Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13"), c.java(List.of(
					"-cp", c.jar.toString(), "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", Integer
						.toString(cores), "--memory", memory, "--webui-port", "0", "--work-dir", work.resolve("worker" + i)
							.toString(), c.master))));
			for (final Process w : c.workers)
				c.await(w, l -> l.contains("Successfully registered with master"), Duration.ofSeconds(90),
					"a worker registers");
			return c;
		}
		catch (IOException | InterruptedException | RuntimeException | Error e) {
			c.close();
			throw e;
		}
	}

	/** The master's URL, for {@code --master}. */
	public String master() {
		return master;
	}

	/** The executor JVMs the workers run now. */
	public List<ProcessHandle> executors() {
		return workers.stream().flatMap(Process::descendants).filter(h -> h.info().commandLine().orElse("").contains(
			"CoarseGrainedExecutorBackend")).toList();
	}

	/** Starts {@code java -jar restorej-spark.jar ARGS} (a driver) with these JVM options. */
	public Process submit(final List<String> jvmOptions, final List<String> args) throws IOException {
		final List<String> c = new ArrayList<>(List.of(JAVA));
		c.addAll(jvmOptions);
		c.addAll(List.of("-Dspark.driver.host=127.0.0.1", "-jar", jar.toString(), "--master", master));
		c.addAll(args);
		return start(Map.of(), c);
	}

	/** The lines {@code p} wrote so far (standard output and error). */
	public List<String> output(final Process p) {
		final List<String> lines = output.get(p);
		synchronized (lines) {
			return List.copyOf(lines);
		}
	}

	/** Waits until {@code p} writes a line matching {@code line}. */
	public void await(final Process p, final Predicate<String> line, final Duration timeout, final String what)
		throws InterruptedException
	{
		final long end = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < end) {
			if (output(p).stream().anyMatch(line)) return;
			if (!p.isAlive()) break;
			Thread.sleep(200);
		}
		throw new IllegalStateException("waiting until " + what + ": " + tail(p));
	}

	/** The last lines of {@code p}'s output, for messages. */
	public String tail(final Process p) {
		final List<String> lines = output(p);
		return "process " + p.pid() + " wrote:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines
			.size()));
	}

	private List<String> java(final List<String> args) {
		final List<String> c = new ArrayList<>(List.of(JAVA, "-Xmx512m"));
		c.addAll(OPENS);
		c.addAll(args);
		return c;
	}

	private Process start(final Map<String, String> env, final List<String> command) throws IOException {
		final ProcessBuilder b = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
		b.environment().putAll(env);
		b.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
		b.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
		final Process p = b.start();
		started.add(p);
		final List<String> lines = Collections.synchronizedList(new ArrayList<>());
		output.put(p, lines);
		final Thread reader = new Thread(() -> {
			try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
				for (String l; (l = r.readLine()) != null;)
					lines.add(l);
			}
			catch (final IOException e) {
				// the process ended
			}
		}, "output of " + p.pid());
		reader.setDaemon(true);
		reader.start();
		return p;
	}

	/** Stops every process started here, last first, each after the processes it started (executors), by id. */
	@Override
	public void close() {
		final List<Process> reversed = new ArrayList<>(started);
		Collections.reverse(reversed);
		for (final Process p : reversed) {
			p.descendants().forEach(ProcessHandle::destroyForcibly);
			p.destroyForcibly();
		}
		for (final Process p : reversed)
			try {
				p.waitFor(30, TimeUnit.SECONDS);
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
	}

	/** Whether every process started here has ended. */
	public boolean stopped() {
		return started.stream().noneMatch(Process::isAlive);
	}
}
