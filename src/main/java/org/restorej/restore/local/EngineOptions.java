package org.restorej.restore.local;

import org.restorej.engine.EngineLog;
import org.restorej.engine.RestoreOptions;
import org.restorej.engine.normalize.Normalization;
import org.restorej.imagej.ImageLayout;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.runtime.ExecutionOptions;

/** A front end's {@link RestoreSettings} in the engine's and the runtime's terms. */
public final class EngineOptions {

	private EngineOptions() {}

	/** Options for restoring one image of {@code layout}, named {@code name} in messages. */
	public static RestoreOptions restore(final RestoreSettings s, final ImageLayout layout, final String name,
		final RunMonitor monitor)
	{
		return restore(s, layout.width(), layout.height(), name, monitor);
	}

	/** Options for restoring one image whose planes are {@code width x height}, named {@code name}. */
	public static RestoreOptions restore(final RestoreSettings s, final long width, final long height,
		final String name, final RunMonitor monitor)
	{
		RestoreOptions o = RestoreOptions.defaults().withNormalization(normalization(s)).withClip(s.clip())
			.withPadding(s.padding()).withEnsemble(s.ensemble())
			.withThreads(s.threads()).named(name).withLog(log(monitor)).withProgress(monitor.progress()::accept)
			.withCancel(monitor.cancelled());
		if (s.tile() == RestoreSettings.WHOLE_PLANE) {
			// one tile covering the plane: exactly the untiled pass, so no overlap is needed
			o = o.withTileSize((int) Math.min(Integer.MAX_VALUE, Math.max(width, height))).withHalo(0).withBlend(0);
		}
		else {
			o = o.withTileSize(s.tile() == RestoreSettings.MODEL_TILE ? 0 : s.tile());
			if (s.halo() != RestoreSettings.MODEL_HALO) o = o.withHalo(s.halo());
		}
		return o;
	}

	public static ExecutionOptions execution(final RestoreSettings s) {
		return ExecutionOptions.of(s.device(), s.threads());
	}

	static Normalization normalization(final RestoreSettings s) {
		return switch (s.normalize()) {
			case AUTO -> Normalization.declared();
			case NONE -> Normalization.none();
			case PERCENTILE -> Normalization.percentile(s.percentileLow(), s.percentileHigh());
			case RANGE -> s.range() == null ? Normalization.typeRange() : Normalization.fixed(s.range().min(), s.range()
				.max());
		};
	}

	private static EngineLog log(final RunMonitor monitor) {
		return new EngineLog() {

			@Override
			public void info(final String message) {
				monitor.log().accept(message);
			}

			@Override
			public void warning(final String message) {
				monitor.warning().accept(message);
			}
		};
	}
}
