package org.restorej.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone cluster from target/restorej-spark.jar alone, on 127.0.0.1: a master and two one-core
 * workers as child processes, the job submitted by {@code java -jar}, one executor JVM killed by its
 * process id while level 0 is being restored. The job must finish, and its output must equal one
 * machine's restore bit for bit. Every process started (and the workers' executors) is stopped by its id
 * at the end, also when the test fails ({@link LocalCluster#close()}).
 */
class StandaloneClusterIT {

	private static final Path JAR = Path.of(System.getProperty("restorej.spark.jar", "../target/restorej-spark.jar"))
		.toAbsolutePath();

	@TempDir
	Path dir;

	@Test
	void jobSurvivesAKilledExecutorAndEqualsTheSingleMachineRestore() throws Exception {
		assertTrue(Files.isRegularFile(JAR), JAR + " is built (mvn package)");
		final Path model = TestModels.percentileModel(dir.resolve("model"));
		final Path in = Reference.input(dir.resolve("in.zarr"), 1536, 1024, 1, 128);
		final Path out = dir.resolve("out.zarr");
		final LocalCluster cluster = LocalCluster.start(JAR, dir, 2, 1, "1500m");
		try (cluster) {
			final Process driver = cluster.submit(List.of("-Xmx1g", "-Dspark.executor.memory=1g"), List.of("--model",
				model.toString(), "--block", "256", "--tile", "48", "--halo", "16", "--output-type", "same", "--threads", "1",
				in.toString(), out.toString()));
			cluster.await(driver, l -> l.matches("restoring level 0: [3-9]/\\d+ blocks"), Duration.ofSeconds(
				180), "level 0 is being restored");
			final List<ProcessHandle> executors = cluster.executors();
			assertEquals(2, executors.size(), "one executor per worker: " + executors);
			final ProcessHandle victim = executors.get(0);
			assertTrue(victim.destroyForcibly(), "executor " + victim.pid() + " killed");
			victim.onExit().get(30, TimeUnit.SECONDS);

			assertTrue(driver.waitFor(240, TimeUnit.SECONDS), "the job finishes: " + cluster.tail(driver));
			assertEquals(0, driver.exitValue(), "the job succeeds: " + cluster.tail(driver));
			final List<String> lines = cluster.output(driver);
			assertTrue(lines.stream().anyMatch(l -> l.startsWith("Restored 1536x1024")), cluster.tail(driver));
			final List<String> lost = lines.stream().filter(l -> l.contains("failed on")).toList();
			System.out.println("Killed executor " + victim.pid() + "; the driver reported: " + lost);
			assertFalse(lost.isEmpty(), "the killed executor's task was reported lost and retried: " + cluster.tail(
				driver));
		}
		assertTrue(cluster.stopped(), "every process the test started has stopped");
		final Path single = dir.resolve("single.zarr");
		Reference.restoreOnOneMachine(model, in, single, "--tile", "48", "--halo", "16", "--output-type", "same",
			"--threads", "1");
		assertEquals(0, Reference.differingChunks(out, single), "chunks (any level) differing from one machine's restore");
	}
}
