package org.restorej.engine;

import java.util.function.BooleanSupplier;

import org.restorej.engine.normalize.Normalization;
import org.restorej.engine.tiling.Blending;
import org.restorej.io.RowsFinishedListener;

/**
 * What the caller chooses about one restoration. Start from {@link #defaults()} and change what you
 * need: {@code RestoreOptions.defaults().withTileSize(256).withHalo(32).named("cells.tif")}.
 *
 * @param tileSize side of the tiles the network sees; 0 for the model's suggestion. Rounded up to the
 *          model's size rule.
 * @param halo least overlap of neighbouring tiles, in pixels (what the official tiling scripts call
 *          the tile overlap); -1 for the model's suggestion
 * @param blend width of the smooth ramp from one tile to the next in the middle of each overlap; the
 *          rest of the halo, {@code (halo - blend) / 2} on each side, is context that no tile
 *          contributes from. A network whose receptive field reaches no further than that context
 *          gives exactly its untiled result. -1 for {@link #defaultBlend(int) the default}
 * @param blending how overlapping tiles are combined
 * @param normalization how intensities are scaled to the model's range and back
 * @param clip clamp the network's output to the model's value range before scaling back
 * @param progress told after each tile
 * @param cancelled polled between tiles; true stops the restoration with {@link CancelledException}
 * @param log where decisions and recovered failures are reported
 * @param inputName how messages name the input (e.g. the image title)
 * @param threads threads for scanning intensities (percentiles); 0 for one per processor
 * @param batch tiles per network call: more can run faster (on CPU, about 10% at 8), but take that
 *          many times the device memory, and a cancel then waits for the whole batch
 * @param rowsFinished told when rows of a plane are final (all its channels), e.g. to stream them to
 *          disk
 * @param padding what tiles see beyond the image on the model's canvas
 * @param ensemble network passes per tile averaged ({@link EnsembleNetwork}): 1, 4 (flips) or 8 (flips and
 *          quarter turns)
 */
public record RestoreOptions(int tileSize, int halo, int blend, Blending blending, Normalization normalization,
	boolean clip, ProgressListener progress, BooleanSupplier cancelled, EngineLog log, String inputName,
	int threads, int batch, RowsFinishedListener rowsFinished, Padding padding, int ensemble)
{

	public RestoreOptions {
		if (tileSize < 0) throw new IllegalArgumentException("tile size must be >= 0 (0: the model's): " + tileSize);
		if (halo < -1) throw new IllegalArgumentException("halo must be >= 0 (-1: the model's): " + halo);
		if (blend < -1) throw new IllegalArgumentException("blend must be >= 0 (-1: default): " + blend);
		if (threads < 0) throw new IllegalArgumentException("threads must be >= 0");
		if (batch < 1) throw new IllegalArgumentException("batch must be >= 1: " + batch);
		if (ensemble != 1 && ensemble != 4 && ensemble != 8) throw new IllegalArgumentException("ensemble must be 1, " +
			"4 or 8: " + ensemble);
		if (blending == null || normalization == null || progress == null || cancelled == null || log == null ||
			inputName == null || rowsFinished == null || padding == null) throw new IllegalArgumentException("options must not be null");
	}

	/**
	 * The model's tile size and halo, smooth blending, the normalisation the model declares
	 * ({@link Normalization#declared()}; the pixel type's range, 8-bit /255, 16-bit /65535, for models that
	 * declare none), no clipping, no progress, never cancelled, the system log, the model's official
	 * padding.
	 */
	public static RestoreOptions defaults() {
		return new RestoreOptions(0, -1, -1, Blending.SMOOTH, Normalization.declared(), false, ProgressListener.NONE,
			() -> false, EngineLog.SYSTEM, "the input image", 0, 1, RowsFinishedListener.NONE, Padding.OFFICIAL, 1);
	}

	/** Blend width used when none is given: half the halo. */
	public static int defaultBlend(final int halo) {
		return halo / 2;
	}

	public RestoreOptions withTileSize(final int size) {
		return new RestoreOptions(size, halo, blend, blending, normalization, clip, progress, cancelled, log,
			inputName, threads, batch, rowsFinished, padding, ensemble);
	}

	public RestoreOptions withHalo(final int h) {
		return new RestoreOptions(tileSize, h, blend, blending, normalization, clip, progress, cancelled, log,
			inputName, threads, batch, rowsFinished, padding, ensemble);
	}

	public RestoreOptions withBlend(final int b) {
		return new RestoreOptions(tileSize, halo, b, blending, normalization, clip, progress, cancelled, log,
			inputName, threads, batch, rowsFinished, padding, ensemble);
	}

	public RestoreOptions withBlending(final Blending b) {
		return new RestoreOptions(tileSize, halo, blend, b, normalization, clip, progress, cancelled, log,
			inputName, threads, batch, rowsFinished, padding, ensemble);
	}

	public RestoreOptions withNormalization(final Normalization n) {
		return new RestoreOptions(tileSize, halo, blend, blending, n, clip, progress, cancelled, log, inputName,
			threads, batch, rowsFinished, padding, ensemble);
	}

	public RestoreOptions withClip(final boolean c) {
		return new RestoreOptions(tileSize, halo, blend, blending, normalization, c, progress, cancelled, log,
			inputName, threads, batch, rowsFinished, padding, ensemble);
	}

	public RestoreOptions withProgress(final ProgressListener p) {
		return new RestoreOptions(tileSize, halo, blend, blending, normalization, clip, p, cancelled, log,
			inputName, threads, batch, rowsFinished, padding, ensemble);
	}

	public RestoreOptions withCancel(final BooleanSupplier c) {
		return new RestoreOptions(tileSize, halo, blend, blending, normalization, clip, progress, c, log,
			inputName, threads, batch, rowsFinished, padding, ensemble);
	}

	public RestoreOptions withLog(final EngineLog l) {
		return new RestoreOptions(tileSize, halo, blend, blending, normalization, clip, progress, cancelled, l,
			inputName, threads, batch, rowsFinished, padding, ensemble);
	}

	public RestoreOptions named(final String name) {
		return new RestoreOptions(tileSize, halo, blend, blending, normalization, clip, progress, cancelled, log,
			name, threads, batch, rowsFinished, padding, ensemble);
	}

	public RestoreOptions withBatch(final int b) {
		return new RestoreOptions(tileSize, halo, blend, blending, normalization, clip, progress, cancelled, log,
			inputName, threads, b, rowsFinished, padding, ensemble);
	}

	public RestoreOptions withThreads(final int t) {
		return new RestoreOptions(tileSize, halo, blend, blending, normalization, clip, progress, cancelled, log,
			inputName, t, batch, rowsFinished, padding, ensemble);
	}

	public RestoreOptions withRowsFinished(final RowsFinishedListener r) {
		return new RestoreOptions(tileSize, halo, blend, blending, normalization, clip, progress, cancelled, log,
			inputName, threads, batch, r, padding, ensemble);
	}

	public RestoreOptions withEnsemble(final int e) {
		return new RestoreOptions(tileSize, halo, blend, blending, normalization, clip, progress, cancelled, log,
			inputName, threads, batch, rowsFinished, padding, e);
	}

	public RestoreOptions withPadding(final Padding p) {
		return new RestoreOptions(tileSize, halo, blend, blending, normalization, clip, progress, cancelled, log,
			inputName, threads, batch, rowsFinished, p, ensemble);
	}
}
