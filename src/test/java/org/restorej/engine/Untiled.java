package org.restorej.engine;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

import org.restorej.array.NhwcArray;
import org.restorej.runtime.LoadedModel;

/**
 * The reference the tiled engine is compared with: the model's official untiled pass over the whole
 * image ({@link OfficialSizeHandling}, which runs the model once without the tiling code).
 */
final class Untiled {

	private Untiled() {}

	/** @param image X, Y and optionally C (last) */
	static NhwcArray run(final LoadedModel model, final ArrayImg<FloatType, FloatArray> image) {
		final int w = (int) image.dimension(0), h = (int) image.dimension(1);
		final int c = image.numDimensions() > 2 ? (int) image.dimension(2) : 1;
		final float[] data = image.update(null).getCurrentStorageArray();
		return OfficialSizeHandling.predict(model, NhwcArray.fromNchw(data, 1, c, h, w));
	}
}
