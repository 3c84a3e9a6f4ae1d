package org.restorej.train;

import org.restorej.array.NhwcArray;
import org.restorej.engine.OfficialSizeHandling;
import org.restorej.model.ModelDescription;
import org.restorej.runtime.LoadedModel;

/**
 * Runs a model on one image of any size: whole (with the official size handling) when it is small, else in
 * overlapping tiles of the model's suggested size whose borders (the halo) are discarded. Deliberately plain;
 * the engine package does this properly for large data.
 */
public final class SimpleTiledPrediction {

	/** Images up to this many pixels run in one piece. */
	static final long WHOLE_IMAGE_PIXELS = 1024L * 1024L;

	private SimpleTiledPrediction() {}

	public static NhwcArray predict(final LoadedModel model, final NhwcArray image) {
		if ((long) image.height() * image.width() <= WHOLE_IMAGE_PIXELS) return OfficialSizeHandling.predict(model,
			image);
		final ModelDescription.Tiling t = model.description().tiling();
		return tiled(model, image, t.tileSize(), Math.min(t.halo(), t.tileSize() / 4));
	}

	static NhwcArray tiled(final LoadedModel model, final NhwcArray in, final int tile, final int halo) {
		final int core = tile - 2 * halo;
		final int c = in.channels();
		NhwcArray out = null;
		for (int y0 = 0; y0 < in.height(); y0 += core)
			for (int x0 = 0; x0 < in.width(); x0 += core) {
				final NhwcArray patch = NhwcArray.zeros(1, tile, tile, c);
				for (int y = 0; y < tile; y++)
					for (int x = 0; x < tile; x++)
						System.arraycopy(in.data(), (mirror(y0 - halo + y, in.height()) * in.width() + mirror(x0 - halo + x,
							in.width())) * c, patch.data(), (y * tile + x) * c, c);
				final NhwcArray result = model.run(patch);
				if (out == null) out = NhwcArray.zeros(1, in.height(), in.width(), result.channels());
				final int co = result.channels();
				final int h = Math.min(core, in.height() - y0), w = Math.min(core, in.width() - x0);
				for (int y = 0; y < h; y++)
					System.arraycopy(result.data(), ((halo + y) * tile + halo) * co, out.data(), ((y0 + y) * in.width() +
						x0) * co, w * co);
			}
		return out;
	}

	private static int mirror(final int i, final int n) {
		if (n == 1) return 0;
		final int period = 2 * n - 2;
		final int m = Math.floorMod(i, period);
		return m < n ? m : period - m;
	}
}
