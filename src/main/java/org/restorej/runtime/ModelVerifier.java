package org.restorej.runtime;

import java.io.IOException;

import org.restorej.array.NhwcArray;
import org.restorej.io.Npy;
import org.restorej.io.NpyArray;
import org.restorej.model.ModelDescription;

/**
 * Re-runs a model folder's test input and compares with the output stored at export, so that a user
 * can check an installation (native library, CPU/GPU kernels, a copied folder) in one command.
 */
public final class ModelVerifier {

	private ModelVerifier() {}

	public record Report(String model, Difference difference, double tolerance, double seconds) {
		public boolean passed() {
			return difference.maxAbs() <= tolerance;
		}
	}

	public static Report verify(final LoadedModel model) throws IOException {
		final ModelDescription d = model.description();
		final NpyArray in = Npy.read(model.directory().resolve(d.test().input()));
		final NpyArray expected = Npy.read(model.directory().resolve(d.test().output()));
		final NhwcArray input = NhwcArray.fromNchw(in.floats(), in.dim(0), in.dim(1), in.dim(2), in.dim(3));
		final long t0 = System.nanoTime();
		final NhwcArray out = model.run(input);
		final double seconds = (System.nanoTime() - t0) / 1e9;
		// a model that declares its output clamped stored the clamped output
		if (d.normalization().clipsOutput() && d.valueRange() != null) for (int i = 0; i < out.data().length; i++)
			out.data()[i] = (float) Math.max(d.valueRange().min(), Math.min(d.valueRange().max(), out.data()[i]));
		return new Report(d.name(), Difference.between(out.toNchw(), expected.values()), d.test()
			.maxAbsTolerance(), seconds);
	}
}
