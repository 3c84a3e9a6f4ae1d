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
 * @param warning what the user must see even when the log is not shown (e.g. a result off scale)
 */
public record RunMonitor(Consumer<Progress> progress, BooleanSupplier cancelled, Consumer<String> log,
	Consumer<String> warning)
{

	public static final RunMonitor SILENT = new RunMonitor(p -> {}, () -> false, m -> {}, m -> {});

	public RunMonitor {
		if (progress == null || cancelled == null || log == null || warning == null) throw new IllegalArgumentException(
			"monitor parts must not be null");
	}

	/** Warnings go to {@code log}, as a line starting with "Warning: ". */
	public RunMonitor(final Consumer<Progress> progress, final BooleanSupplier cancelled, final Consumer<String> log) {
		this(progress, cancelled, log, m -> log.accept("Warning: " + m));
	}
}
