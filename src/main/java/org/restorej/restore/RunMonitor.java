package org.restorej.restore;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.restorej.engine.Progress;

/**
 * What a front end hears from a restoration and how it stops one.
 *
 * @param progress told after each tile (and at each stage)
 * @param cancelled polled while restoring; true stops the restoration with
 *          {@link org.restorej.engine.CancelledException}
 * @param log the engine's decisions (device, tiling, recovered failures)
 */
public record RunMonitor(Consumer<Progress> progress, BooleanSupplier cancelled, Consumer<String> log) {

	public static final RunMonitor SILENT = new RunMonitor(p -> {}, () -> false, m -> {});

	public RunMonitor {
		if (progress == null || cancelled == null || log == null) throw new IllegalArgumentException(
			"monitor parts must not be null");
	}
}
