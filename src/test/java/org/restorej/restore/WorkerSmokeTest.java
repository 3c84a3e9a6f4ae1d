package org.restorej.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ij.ImagePlus;

import org.junit.jupiter.api.Test;
import org.restorej.restore.local.LocalImageRestorer;
import org.restorej.worker.WorkerImageRestorer;

class WorkerSmokeTest {

	@Test
	void workerEqualsLocal() {
		final ImagePlus img = TestImages.grey16("a.tif", 70, 50, 1);
		long t0 = System.nanoTime();
		final ImagePlus local;
		try (LocalImageRestorer r = new LocalImageRestorer(SmallModels.grey())) {
			local = r.restore(img, RestoreSettings.defaults(), RunMonitor.SILENT);
		}
		long t1 = System.nanoTime();
		final ImagePlus remote = new WorkerImageRestorer(SmallModels.grey()).restore(img, RestoreSettings.defaults(),
			new RunMonitor(p -> System.out.println(p), () -> false, System.out::println));
		long t2 = System.nanoTime();
		final ImagePlus remote2 = new WorkerImageRestorer(SmallModels.grey()).restore(img, RestoreSettings.defaults(),
			RunMonitor.SILENT);
		long t3 = System.nanoTime();
		System.out.printf("local %.2f s, worker first %.2f s, second %.2f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
		assertArrayEquals(TestImages.samples(local), TestImages.samples(remote));
		assertArrayEquals(TestImages.samples(local), TestImages.samples(remote2));
	}
}
