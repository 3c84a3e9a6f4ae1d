package org.restorej.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.restorej.array.NhwcArray;
import org.restorej.engine.OfficialSizeHandling;
import org.restorej.engine.device.PlacedModel;
import org.restorej.io.Npy;
import org.restorej.io.NpyArray;
import org.restorej.model.ModelLocator;
import org.restorej.runtime.InputSizeException;
import org.restorej.runtime.LoadedModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The raw network on an NCHW .npy with the official size handling: the fixtures' own contract. */
@Command(name = "predict", mixinStandardHelpOptions = true,
	description = { "Run the raw network on an NCHW float32 .npy (batch 1) and write an NCHW float32 .npy.",
		"Restormer reflect-pads bottom/right to a multiple of 8 and crops back; AST runs square multiples of " +
			"its size unit as they are and others on a centred zero square canvas. No normalisation, " +
			"clamping or tiling." })
final class PredictCommand implements Callable<Integer> {

	@Option(names = "--model", required = true, paramLabel = "MODEL_DIR|NAME", description = "Model folder " +
		"or bundled model name.")
	String model;

	@Option(names = "--input", required = true, paramLabel = "X.npy", description = "The network's " +
		"input: an NCHW float32 array of batch 1.")
	Path input;

	@Option(names = "--output", required = true, paramLabel = "Y.npy", description = "Where the " +
		"network's NCHW float32 output goes.")
	Path output;

	@Mixin
	ExecutionOptionsMixin execution;

	@Override
	public Integer call() throws Exception {
		final NpyArray x = Npy.read(input);
		if (x.rank() != 4 || x.dim(0) != 1) throw new InputSizeException("Input " + input + " has shape " +
			java.util.Arrays.toString(x.shape()) + "; predict takes NCHW with batch 1, e.g. (1, 3, H, W).");
		try (PlacedModel placed = execution.load(ModelLocator.resolve(model))) {
			final LoadedModel m = placed.model();
			final NhwcArray in = NhwcArray.fromNchw(x.floats(), 1, x.dim(1), x.dim(2), x.dim(3));
			final NhwcArray out = OfficialSizeHandling.predict(m, in);
			Npy.writeFloat32(output, out.nchwShape(), out.toNchw());
			System.out.println("Wrote " + output + " " + java.util.Arrays.toString(out.nchwShape()));
		}
		return 0;
	}
}
