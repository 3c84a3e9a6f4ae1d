package org.restorej.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ij.ImagePlus;

import org.restorej.imagej.ImagePlanes;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.SmallModels;
import org.restorej.restore.TestImages;
import org.restorej.restore.local.LocalImageRestorer;

/**
 * What the worker process costs over running the engine in this JVM: its start-up (a JVM, then
 * TensorFlow and the model, as in-process), and moving the pixels through files. A measurement,
 * not a test (it asserts nothing): it lives beside the tests for their small models. Run with
 * {@code java -cp "target/classes:target/test-classes:target/lib/*" org.restorej.worker.WorkerOverheadBenchmark}
 * after {@code mvn package}; the figures are in docs/fiji.md.
 */
public final class WorkerOverheadBenchmark {

	private static final RestoreSettings SETTINGS = RestoreSettings.parse("tile=256 halo=16");

	private WorkerOverheadBenchmark() {}

	public static void main(final String... args) throws Exception {
		final Path model = SmallModels.grey();
		final ImagePlus small = TestImages.grey16("small.tif", 64, 64, 1);

		// cold: a new worker's first image (JVM start, TensorFlow, model load) against this JVM's first
		final Worker cold = new Worker(WorkerLaunch::find);
		long t0 = System.nanoTime();
		new WorkerImageRestorer(model, cold).restore(small, SETTINGS, RunMonitor.SILENT);
		final double workerFirst = seconds(t0);
		cold.stop();
		// the same in a fresh JVM of its own, with the engine in-process
		final org.restorej.fiji.ForkedJvm.Result coldLocal = org.restorej.fiji.ForkedJvm.run(List.of(), Arrays.stream(
			System.getProperty("java.class.path").split(java.io.File.pathSeparator)).map(Path::of).toList(),
			ColdLocalRestore.class.getName(), List.of(model.toString()), Path.of("."), 300);
		final double localFirst = Double.parseDouble(coldLocal.output().replaceAll("(?s).*cold in-process seconds ([0-9.]+).*",
			"$1"));
		final LocalImageRestorer local = new LocalImageRestorer(model);
		local.restore(small, SETTINGS, RunMonitor.SILENT);
		t0 = System.nanoTime();
		final Worker ready = new Worker(WorkerLaunch::find);
		ready.call(Message.of("describe", "model", model.toString()), m -> {}, () -> false, "describing", "model");
		final double jvmStart = seconds(t0);

		// warm: the same 2048 x 2048 16-bit image, model loaded on both sides
		final ImagePlus big = TestImages.grey16("big.tif", 2048, 2048, 2);
		final WorkerImageRestorer remote = new WorkerImageRestorer(model, ready);
		remote.restore(small, SETTINGS, RunMonitor.SILENT);
		final double[] inProcess = new double[3], worker = new double[3];
		for (int i = 0; i < 3; i++) {
			t0 = System.nanoTime();
			local.restore(big, SETTINGS, RunMonitor.SILENT);
			inProcess[i] = seconds(t0);
			t0 = System.nanoTime();
			remote.restore(big, SETTINGS, RunMonitor.SILENT);
			worker[i] = seconds(t0);
		}
		ready.stop();
		local.close();

		// the copies alone: 8 MB of 16-bit in, 16 MB of float32 out
		final Path file = Files.createTempFile("restorej-bench-", ".planes");
		final ImagePlanes planes = ImagePlanes.of(big);
		final List<Double> write = new ArrayList<>(), read = new ArrayList<>();
		final ImagePlanes floats = ImagePlanes.of(new ImagePlus("f", big.getProcessor().convertToFloatProcessor()));
		for (int i = 0; i < 3; i++) {
			t0 = System.nanoTime();
			PlaneFiles.write(file, planes);
			write.add(seconds(t0));
			PlaneFiles.write(file, floats);
			t0 = System.nanoTime();
			PlaneFiles.read(file, floats.layout());
			read.add(seconds(t0));
		}
		Files.delete(file);
		Arrays.sort(inProcess);
		Arrays.sort(worker);
		System.out.printf("%nWorker overhead (small conv network, CPU, %d cores):%n", Runtime.getRuntime()
			.availableProcessors());
		System.out.printf("  first image, new worker (JVM + TensorFlow + model):  %.2f s%n", workerFirst);
		System.out.printf("  first image, new JVM in-process (JVM + TensorFlow + model): %.2f s%n", localFirst);
		System.out.printf("  worker JVM start to ready and one describe:            %.2f s%n", jvmStart);
		System.out.printf("  2048x2048 16-bit, model loaded: in-process %.3f s, worker %.3f s (median of 3)%n",
			inProcess[1], worker[1]);
		System.out.printf("  write 8 MB (16-bit planes): %.1f ms; read 16 MB (float planes): %.1f ms%n", 1000 * write
			.stream().sorted().toList().get(1), 1000 * read.stream().sorted().toList().get(1));
	}

	private static double seconds(final long t0) {
		return (System.nanoTime() - t0) / 1e9;
	}
}
