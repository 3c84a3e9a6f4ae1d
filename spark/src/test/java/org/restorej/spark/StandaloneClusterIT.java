package org.restorej.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import net.imglib2.img.Img;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.restore.RestoreSettings;

/**
 * A standalone cluster from target/restorej-spark.jar alone, on 127.0.0.1: a master and two one-core
 * workers as child processes, the job submitted to it by {@code java -jar}, one executor JVM killed by
 * its process id while level 0 is being restored. The job must finish, and its output must equal one
 * machine's restore bit for bit. Every process the test started (and the executors the workers started)
 * is stopped by its id at the end, also when the test fails.
 */
class StandaloneClusterIT {

	private static final Path JAR = Path.of(System.getProperty("restorej.spark.jar", "../target/restorej-spark.jar"))
		.toAbsolutePath();
	private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
	/** What Spark opens on Java 17 (the jar's manifest does it for java -jar). */
	private static final List<String> OPENS = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED",
		"--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
		"--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED");

	@TempDir
	Path dir;

	/** Every process started here, in order, with what it wrote. */
	private final List<Process> started = new ArrayList<>();
	private final Map<Process, List<String>> output = new java.util.concurrent.ConcurrentHashMap<>();

	@AfterEach
	void stopEverythingStarted() throws InterruptedException {
		final List<Process> reversed = new ArrayList<>(started);
		Collections.reverse(reversed);
		for (final Process p : reversed) {
			// the workers' executors first: they are the workers' children, not ours
			p.descendants().forEach(ProcessHandle::destroyForcibly);
			p.destroyForcibly();
		}
		for (final Process p : reversed)
			p.waitFor(30, TimeUnit.SECONDS);
		for (final Process p : reversed)
			assertFalse(p.isAlive(), "process " + p.pid() + " stopped");
	}

	@Test
	void jobSurvivesAKilledExecutorAndEqualsTheSingleMachineRestore() throws Exception {
		assertTrue(Files.isRegularFile(JAR), JAR + " is built (mvn package)");
		final Path model = TestModels.percentileModel(dir.resolve("model"));
		final Path in = Reference.input(dir.resolve("in.zarr"), 1024, 768, 1, 32);
		final Path out = dir.resolve("out.zarr");
		// a Spark installation's layout, which workers build their executors' class path from: jars/
		final Path sparkHome = Files.createDirectories(dir.resolve("spark-home/jars")).getParent();
		Files.createSymbolicLink(sparkHome.resolve("jars/restorej-spark.jar"), JAR);
		final int port = freePort();
		final String master = "spark://127.0.0.1:" + port;
		final Process m = start(dir, Map.of(), command(List.of("-Dspark.master.rest.enabled=false", "-cp", JAR.toString(),
			"org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", Integer.toString(port),
			"--webui-port", "0")));
		await(m, l -> l.contains("I have been elected leader"), Duration.ofSeconds(90), "the master starts");
		final List<Process> workers = new ArrayList<>();
		for (int i = 1; i <= 2; i++) {
			final Process w = start(dir, Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13"),
				command(List.of("-cp", JAR.toString(), "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
					"--cores", "1", "--memory", "1500m", "--webui-port", "0", "--work-dir", dir.resolve("worker" + i)
						.toString(), master)));
			workers.add(w);
		}
		for (final Process w : workers)
			await(w, l -> l.contains("Successfully registered with master"), Duration.ofSeconds(90), "a worker registers");

		final Process driver = start(dir, Map.of(), List.of(JAVA, "-Xmx1g", "-Dspark.driver.host=127.0.0.1",
			"-Dspark.executor.memory=1g", "-jar", JAR.toString(), "--master", master, "--model", model.toString(),
			"--block", "64", "--tile", "48", "--halo", "16", "--output-type", "same", "--threads", "1", in.toString(), out
				.toString()));
		await(driver, l -> l.matches("restoring level 0: ([3-9]|\\d\\d+)/\\d+ blocks"), Duration.ofSeconds(180),
			"level 0 is being restored");
		final List<ProcessHandle> executors = workers.stream().flatMap(Process::descendants).filter(
			h -> h.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")).toList();
		assertEquals(2, executors.size(), "one executor per worker: " + executors);
		final ProcessHandle victim = executors.get(0);
		assertTrue(victim.destroyForcibly(), "executor " + victim.pid() + " killed");
		victim.onExit().get(30, TimeUnit.SECONDS);

		assertTrue(driver.waitFor(240, TimeUnit.SECONDS), "the job finishes: " + tail(driver));
		assertEquals(0, driver.exitValue(), "the job succeeds: " + tail(driver));
		assertTrue(output.get(driver).stream().anyMatch(l -> l.startsWith("Restored 1024x768")), tail(driver));
		final List<String> lost = output.get(driver).stream().filter(l -> l.contains("failed on")).toList();
		System.out.println("Killed executor " + victim.pid() + "; the driver reported: " + lost);
		assertFalse(lost.isEmpty(), "the killed executor's task was reported lost and retried: " + tail(driver));
		final Img<?> expected = Reference.restore(in, model, RestoreSettings.parse(
			"tile=48 halo=16 type=same threads=1"));
		assertEquals(0, Reference.differing(out, (Img) expected), "pixels differing from one machine's restore");
	}

	private static List<String> command(final List<String> args) {
		final List<String> c = new ArrayList<>(List.of(JAVA, "-Xmx512m"));
		c.addAll(OPENS);
		c.addAll(args);
		return c;
	}

	private Process start(final Path cwd, final Map<String, String> env, final List<String> command) throws IOException {
		final ProcessBuilder b = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
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

	private void await(final Process p, final Predicate<String> line, final Duration timeout, final String what)
		throws InterruptedException
	{
		final long end = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < end) {
			final Optional<String> hit;
			synchronized (output.get(p)) {
				hit = output.get(p).stream().filter(line).findFirst();
			}
			if (hit.isPresent()) return;
			if (!p.isAlive()) break;
			Thread.sleep(200);
		}
		throw new AssertionError("waiting until " + what + ": " + tail(p));
	}

	private String tail(final Process p) {
		final List<String> lines = output.get(p);
		synchronized (lines) {
			return "process " + p.pid() + " wrote:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40),
				lines.size()));
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}
}
