package org.restorej.engine;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import org.restorej.array.NhwcArray;
import org.restorej.model.ModelDescription;

/**
 * Models whose "network" is a formula applied to each value, so that tests can predict every output
 * value: what the engine does around the network (normalisation, types, axes) becomes visible.
 */
final class AnalyticModels {

	private AnalyticModels() {}

	static ModelDescription description(final int in, final int out) {
		return new ModelDescription(ModelDescription.FORMAT, "analytic-" + in + "-" + out, "convnet", Map.of(),
			"test", new ModelDescription.Channels(in, null), new ModelDescription.Channels(out, null),
			new ModelDescription.ValueRange(0, 1, 255, "test"), new ModelDescription.Size(8, false, "reflect-pad", ""),
			new ModelDescription.Tiling(32, 4), null, null, null, null);
	}

	/** out[c] = f(in[c]) for the first {@code out} channels. */
	static Restorer pointwise(final int in, final int out, final DoubleUnaryOperator f) {
		return new Restorer(description(in, out), tiles -> {
			final NhwcArray o = NhwcArray.zeros(tiles.batch(), tiles.height(), tiles.width(), out);
			final int pixels = tiles.batch() * tiles.height() * tiles.width();
			for (int p = 0; p < pixels; p++)
				for (int c = 0; c < out; c++)
					o.data()[p * out + c] = (float) f.applyAsDouble(tiles.data()[p * in + c]);
			return o;
		});
	}

	static List<Double> values(final Iterable<? extends net.imglib2.type.numeric.RealType<?>> img) {
		final java.util.ArrayList<Double> v = new java.util.ArrayList<>();
		for (final net.imglib2.type.numeric.RealType<?> t : img)
			v.add(t.getRealDouble());
		return v;
	}
}
