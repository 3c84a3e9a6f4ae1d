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

import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.restorej.engine.Axes;
import org.restorej.engine.Restorer;
import org.restorej.engine.device.ModelLoader;
import org.restorej.engine.device.PlacedModel;
import org.restorej.restore.Models;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.local.EngineOptions;

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

	@Option(names = "--block", defaultValue = "1024", description = "Block side (default: ${DEFAULT-VALUE}).")
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
		final Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("restorej-spark-bench");
		final Path jarFile = jar != null ? jar : Path.of(SparkBenchmark.class.getProtectionDomain().getCodeSource()
			.getLocation().toURI());
		final Path modelDir = Models.resolve(model);
		final Path in = dir.resolve("in.zarr");
		long t = System.nanoTime();
		input(in, side);
		System.out.printf("input %dx%d uint16 written in %.1f s (%s)%n", side, side, seconds(t), in);
		final RestoreSettings settings = RestoreSettings.parse("type=same threads=1");

		t = System.nanoTime();
		single(in, modelDir, settings, dir.resolve("single.zarr"));
		final double single = seconds(t);
		System.out.printf("single machine (engine in this JVM, 1 thread): %.1f s%n", single);

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

	/** A smooth 16-bit image with noise, written a row of chunks at a time. */
	private static void input(final Path dir, final long side) {
		final int chunk = 256;
		final ZarrIO.Image image = ZarrIO.createImage(dir, "XY", new long[] { side, side }, chunk, "<u2");
		final java.util.SplittableRandom r = new java.util.SplittableRandom(1);
		for (long y = 0; y < side; y += chunk) {
			final long h = Math.min(chunk, side - y);
			final Img<UnsignedShortType> band = new ArrayImgFactory<>(new UnsignedShortType()).create(side, h);
			final Cursor<UnsignedShortType> c = band.localizingCursor();
			while (c.hasNext()) {
				c.fwd();
				final double x = c.getDoublePosition(0), yy = y + c.getDoublePosition(1);
				final double v = 3000 + 2500 * Math.sin(x / 37) * Math.cos(yy / 53) + Math.sqrt(3000) * r.nextGaussian();
				c.get().set((int) Math.max(0, Math.min(65535, Math.round(v))));
			}
			ZarrIO.write(image.level0(), new long[] { 0, y }, band);
		}
	}

	/** The single-machine run: the whole image read, restored by the engine in this JVM, written. */
	private static void single(final Path in, final Path model, final RestoreSettings s, final Path out) {
		final ZarrIO.Image image = ZarrIO.open(in);
		final Img<UnsignedShortType> pixels = ZarrIO.read(image.level0(), new long[2], image.level0().shape());
		try (PlacedModel placed = ModelLoader.load(model, EngineOptions.execution(s), m -> {})) {
			final Restorer restorer = Restorer.of(placed);
			final Img<UnsignedShortType> restored = new ArrayImgFactory<>(new UnsignedShortType()).create(pixels
				.dimensionsAsLongArray());
			restorer.restore(pixels, Axes.of("XY"), restored, EngineOptions.restore(s, image.width(), image.height(), in
				.getFileName().toString(), RunMonitor.SILENT));
			final ZarrIO.Image o = ZarrIO.create(out, image, 1, "<u2");
			ZarrIO.write(o.level0(), new long[2], restored);
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
