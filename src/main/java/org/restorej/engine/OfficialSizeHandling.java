package org.restorej.engine;

import org.restorej.array.NhwcArray;
import org.restorej.engine.tiling.Canvas;
import org.restorej.engine.tiling.Span;
import org.restorej.model.ModelDescription;
import org.restorej.runtime.LoadedModel;

/**
 * Runs a model on an image of any size the way the official test scripts do, and nothing more (no
 * normalisation, clamping or tiling): Restormer reflect-pads bottom and right to its multiple and crops
 * back; AST (official checkpoints; the models RestoreJ trains declare reflection, as training never shows
 * them zeros) places the image centred on a zero square canvas whose side is the next multiple of its
 * size unit, unless the image already is such a square. {@link #canvas} is that padded plane, the one
 * the engine's tiles read too, so the engine's untiled restore is this pass.
 */
public final class OfficialSizeHandling {

	public static final String REFLECT_PAD = "reflect-pad";
	public static final String SQUARE_CANVAS = "square-canvas";

	private OfficialSizeHandling() {}

	/**
	 * The plane the model's official untiled pass sees for a {@code width x height} image: the image
	 * padded to the size rule, and how the padding is filled. Models without a size rule see the image.
	 */
	public static Canvas canvas(final ModelDescription.Size size, final long width, final long height) {
		if (size == null) return Canvas.padEnd(width, height, 1);
		if (SQUARE_CANVAS.equals(size.officialHandling())) return Canvas.centredSquare(width, height, size.multiple());
		return size.square() ? Canvas.padEndSquare(width, height, size.multiple()) : Canvas.padEnd(width, height, size
			.multiple());
	}

	public static NhwcArray predict(final LoadedModel model, final NhwcArray input) {
		final Canvas canvas = canvas(model.description().size(), input.width(), input.height());
		if (canvas.isImage(input.width(), input.height())) return model.run(input);
		return model.run(pad(input, canvas)).crop((int) -canvas.y().start(), (int) -canvas.x().start(), input.height(),
			input.width());
	}

	/**
	 * Extends bottom and right to {@code h x w} by reflection without repeating the edge pixel, as
	 * {@code numpy.pad(mode='reflect')} (and PyTorch's reflect padding for pads smaller than the side).
	 */
	public static NhwcArray reflectPad(final NhwcArray in, final int h, final int w) {
		return pad(in, new Canvas(new Span(0, w), new Span(0, h),
			Canvas.Fill.MIRROR));
	}

	/** {@code in} (each of its batch) laid on {@code canvas}, whose origin is the image's. */
	static NhwcArray pad(final NhwcArray in, final Canvas canvas) {
		final int h = (int) canvas.y().length(), w = (int) canvas.x().length(), c = in.channels();
		final int[] rows = canvas.fill().sources(canvas.y().start(), h, in.height());
		final int[] columns = canvas.fill().sources(canvas.x().start(), w, in.width());
		final NhwcArray out = NhwcArray.zeros(in.batch(), h, w, c);
		for (int n = 0; n < in.batch(); n++)
			for (int y = 0; y < h; y++) {
				if (rows[y] < 0) continue;
				for (int x = 0; x < w; x++)
					if (columns[x] >= 0) System.arraycopy(in.data(), ((n * in.height() + rows[y]) * in.width() + columns[x]) *
						c, out.data(), ((n * h + y) * w + x) * c, c);
			}
		return out;
	}
}
