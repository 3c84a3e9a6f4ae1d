package org.restorej.runtime;

import org.restorej.model.ModelDescription;
import org.restorej.nn.SizeRule;

/**
 * Runs a model on an image of any size the way the official test scripts do, and nothing more (no
 * normalisation, clamping or tiling): Restormer reflect-pads bottom and right to its multiple and crops
 * back; AST places the image centred on a zero square canvas whose side is the next multiple of its
 * size unit, unless the image already is such a square.
 */
public final class OfficialSizeHandling {

	public static final String REFLECT_PAD = "reflect-pad";
	public static final String SQUARE_CANVAS = "square-canvas";

	private OfficialSizeHandling() {}

	public static NhwcArray predict(final LoadedModel model, final NhwcArray input) {
		final ModelDescription.Size size = model.description().size();
		return switch (size.officialHandling()) {
			case REFLECT_PAD -> reflectPadded(model, input, size.multiple());
			case SQUARE_CANVAS -> squareCanvas(model, input, size.multiple());
			default -> model.run(input);
		};
	}

	private static NhwcArray reflectPadded(final LoadedModel model, final NhwcArray in, final int multiple) {
		final SizeRule rule = new SizeRule(multiple, false);
		final int h = (int) rule.roundUp(in.height()), w = (int) rule.roundUp(in.width());
		if (h == in.height() && w == in.width()) return model.run(in);
		return model.run(reflectPad(in, h, w)).crop(0, 0, in.height(), in.width());
	}

	private static NhwcArray squareCanvas(final LoadedModel model, final NhwcArray in, final int unit) {
		final SizeRule rule = new SizeRule(unit, true);
		if (rule.accepts(in.height(), in.width())) return model.run(in);
		final int side = (int) rule.roundUp(Math.max(in.height(), in.width()));
		final int top = (side - in.height()) / 2, left = (side - in.width()) / 2;
		final NhwcArray canvas = NhwcArray.zeros(in.batch(), side, side, in.channels());
		final int row = in.width() * in.channels();
		for (int n = 0; n < in.batch(); n++)
			for (int y = 0; y < in.height(); y++)
				System.arraycopy(in.data(), (n * in.height() + y) * row, canvas.data(),
					((n * side + top + y) * side + left) * in.channels(), row);
		return model.run(canvas).crop(top, left, in.height(), in.width());
	}

	/**
	 * Extends bottom and right to {@code h x w} by reflection without repeating the edge pixel, as
	 * {@code numpy.pad(mode='reflect')} (and PyTorch's reflect padding for pads smaller than the side).
	 */
	public static NhwcArray reflectPad(final NhwcArray in, final int h, final int w) {
		final NhwcArray out = NhwcArray.zeros(in.batch(), h, w, in.channels());
		final int c = in.channels();
		for (int n = 0; n < in.batch(); n++)
			for (int y = 0; y < h; y++) {
				final int sy = reflect(y, in.height());
				for (int x = 0; x < w; x++) {
					final int sx = reflect(x, in.width());
					System.arraycopy(in.data(), ((n * in.height() + sy) * in.width() + sx) * c, out.data(),
						((n * h + y) * w + x) * c, c);
				}
			}
		return out;
	}

	/** Index into [0, n) mirrored about the edge pixels (period 2n - 2). */
	static int reflect(final int i, final int n) {
		if (n == 1) return 0;
		final int period = 2 * n - 2;
		final int m = Math.floorMod(i, period);
		return m < n ? m : period - m;
	}
}
