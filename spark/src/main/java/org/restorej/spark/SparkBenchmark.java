package org.restorej.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.restorej.restore.Models;
import org.restorej.tiff.SampleType;
import org.restorej.zarr.OmeZarrWriter;
import org.restorej.zarr.ZarrOutputSpec;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -Xmx3g -cp restorej-spark.jar org.restorej.spark.SparkBenchmark [--side 16384]}: a SIDE x
 * SIDE 16-bit OME-Zarr image restored with a bundled model on one machine (the engine in this JVM), on
 * a standalone cluster of one one-core worker and of two, on 127.0.0.1; prints the wall times, the
 * speed-up from one worker to two, the cluster's overhead over the single machine, and the largest heap
 * an executor kept live after a collection. Every run uses one TensorFlow thread per task.
 */
@Command(name = "spark-bench", mixinStandardHelpOptions = true)
public final class SparkBenchmark implements Callable<Integer> {

	@Option(names = "--side", defaultValue = "16384", description = "Image side (default: ${DEFAULT-VALUE}).")
	long side;

	@Option(names = "--model", defaultValue = "restormer-fluorescence-denoising", description = "Model (default: " +
		"${DEFAULT-VALUE}).")
	String model;

	@Option(names = "--block", defaultValue = "2048", description = "Block side (default: ${DEFAULT-VALUE}).")
	long block;

	@Option(names = "--executor-memory", defaultValue = "1g", description = "Heap per executor (default: " +
		"${DEFAULT-VALUE}).")
	String executorMemory;

	@Option(names = "--work", description = "Folder for the images (default: a temporary folder).")
	Path work;

	@Option(names = "--jar", description = "restorej-spark.jar (default: the jar this class is in).")
	Path jar;

	private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

	@Override
	public Integer call() throws Exception {
		// Absolute, since the cluster's driver and executors run in folders of their own.
		final Path dir = (work != null ? Files.createDirectories(work) : Files.createTempDirectory("restorej-spark-bench"))
			.toAbsolutePath();
		final Path jarFile = jar != null ? jar : Path.of(SparkBenchmark.class.getProtectionDomain().getCodeSource()
			.getLocation().toURI());
		final Path modelDir = Models.resolve(model).toAbsolutePath();
		final Path in = dir.resolve("in.zarr");
		long t = System.nanoTime();
		input(in, side);
		System.out.printf("input %dx%d uint16 written in %.1f s (%s)%n", side, side, seconds(t), in);

		t = System.nanoTime();
		if (org.restorej.cli.Main.execute("restore", "--model", modelDir.toString(), "--output-type", "same", "--threads",
			"1", "--overwrite", in.toString(), dir.resolve("single.zarr").toString()) != 0) throw new IllegalStateException(
				"the single-machine restore failed");
		final double single = seconds(t);
		System.out.printf("single machine ('restorej restore' in this JVM, Zarr to Zarr, 1 thread): %.1f s%n", single);

		final double[] cluster = new double[3];
		for (final int workers : new int[] { 1, 2 }) {
			final Path runDir = Files.createDirectories(dir.resolve("cluster" + workers));
			try (LocalCluster c = LocalCluster.start(jarFile, runDir, workers, 1, "4g")) {
				t = System.nanoTime();
				final Process driver = c.submit(List.of("-Xmx1g", "-Dspark.executor.memory=" + executorMemory,
					"-Dspark.executor.extraJavaOptions=-Xlog:gc:file=" + runDir.resolve("gc-%p.log")), List.of("--model",
						modelDir.toString(), "--block", Long.toString(block), "--output-type", "same", "--threads", "1",
						"--overwrite", in.toString(), dir.resolve("cluster" + workers + ".zarr").toString()));
				if (!driver.waitFor(6, TimeUnit.HOURS) || driver.exitValue() != 0) throw new IllegalStateException(
					"the cluster run failed: " + c.tail(driver));
				cluster[workers] = seconds(t);
				final String job = c.output(driver).stream().filter(l -> l.startsWith("Restored ")).findFirst().orElse("");
				System.out.printf("%d one-core worker(s): %.1f s from submission (%s), executor heap %s, at most %d MB " +
					"live after a collection%n", workers, cluster[workers], job, executorMemory, liveHeap(runDir));
			}
		}
		System.out.printf("speed-up from one worker to two: %.2fx; overhead of one worker over the single machine: " +
			"%+.0f%%%n", cluster[1] / cluster[2], 100 * (cluster[1] / single - 1));
		System.out.printf("load average at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
		return 0;
	}

	/** A smooth 16-bit image with noise, written a band of chunk rows at a time. */
	private static void input(final Path dir, final long side) throws java.io.IOException {
		final ZarrOutputSpec spec = ZarrOutputSpec.of(side, side, 1, 1, 1, SampleType.UINT16).withOverwrite(true);
		try (OmeZarrWriter<UnsignedShortType> writer = OmeZarrWriter.create(dir, spec)) {
			final java.util.SplittableRandom r = new java.util.SplittableRandom(1);
			final net.imglib2.RandomAccess<UnsignedShortType> ra = writer.output().randomAccess();
			final long[] p = new long[5];
			for (long y = 0; y < side; y++) {
				for (long x = 0; x < side; x++) {
					final double v = 3000 + 2500 * Math.sin(x / 37.0) * Math.cos(y / 53.0) + Math.sqrt(3000) * r.nextGaussian();
					p[0] = x;
					p[1] = y;
					ra.setPosition(p);
					ra.get().set((int) Math.max(0, Math.min(65535, Math.round(v))));
				}
				if ((y + 1) % spec.chunk() == 0) writer.rowsFinished(0, 0, y + 1);
			}
			writer.commit();
		}
	}

	private static long liveHeap(final Path dir) throws java.io.IOException {
		long max = 0;
		try (var files = Files.list(dir)) {
			for (final Path f : files.filter(p -> p.getFileName().toString().startsWith("gc-")).toList())
				for (final String l : Files.readAllLines(f)) {
					final Matcher m = GC.matcher(l);
					if (m.find()) max = Math.max(max, Long.parseLong(m.group(2)));
				}
		}
		return max;
	}

	private static double seconds(final long start) {
		return Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0;
	}

	public static void main(final String... args) {
		System.exit(new CommandLine(new SparkBenchmark()).execute(args));
	}
}
