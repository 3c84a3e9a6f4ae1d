package org.restorej.worker;

import java.lang.management.ManagementFactory;
import java.nio.file.Paths;

import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.TestImages;
import org.restorej.restore.local.LocalImageRestorer;

/** A fresh JVM's first restoration in-process; prints the seconds since the JVM started. */
public final class ColdLocalRestore {

	public static void main(final String... args) {
		try (LocalImageRestorer r = new LocalImageRestorer(Paths.get(args[0]))) {
			r.restore(TestImages.grey16("small.tif", 64, 64, 1), RestoreSettings.parse("tile=256 halo=16"),
				RunMonitor.SILENT);
		}
		System.out.printf("cold in-process seconds %.3f%n", (System.currentTimeMillis() - ManagementFactory
			.getRuntimeMXBean().getStartTime()) / 1000.0);
		System.exit(0);
	}
}
