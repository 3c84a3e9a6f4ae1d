package org.restorej.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.restorej.engine.OfficialSizeHandling;
import org.restorej.export.ModelCard;
import org.restorej.export.ModelExporter;
import org.restorej.model.ModelDescription;
import org.restorej.nn.Layers;
import org.restorej.nn.NetworkConfig;
import org.restorej.nn.RandomWeights;
import org.restorej.nn.SizeRule;
import org.restorej.nn.WeightSource;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A small fully convolutional network for timing the engine around a network (tiling, streaming) and for
 * the tests that check the tiler: {@code depth} 3x3
 * convolutions with ReLU between them and a residual connection from the first output channels of
 * the input. Its receptive field reaches {@link #reach()} pixels from the centre, so with a halo at
 * least that large tiled results equal untiled ones. It declares a size rule it does not need, so
 * that the engine's padding is exercised.
 *
 * @param width channels of the hidden layers
 * @param multiple the size rule (sides a multiple of it)
 */
public record SmallConvNet(int inputChannels, int outputChannels, int width, int depth, int multiple)
	implements NetworkConfig
{

	public SmallConvNet {
		if (depth < 2) throw new IllegalArgumentException("depth must be >= 2");
		if (outputChannels > inputChannels) throw new IllegalArgumentException("the residual needs inputs >= outputs");
	}

	/** One channel in and out, 16 wide, 3 layers, multiple of 8. */
	public static SmallConvNet grey() {
		return new SmallConvNet(1, 1, 16, 3, 8);
	}

	/** How far (in pixels) an output pixel sees: one per 3x3 layer. */
	public int reach() {
		return depth;
	}

	@Override
	public String architecture() {
		return "convnet";
	}

	@Override
	public SizeRule sizeRule() {
		return new SizeRule(multiple, false);
	}

	@Override
	public Map<String, Object> officialArguments() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("inp_channels", inputChannels);
		m.put("out_channels", outputChannels);
		m.put("width", width);
		m.put("depth", depth);
		m.put("multiple", multiple);
		return m;
	}

	@Override
	public Operand<TFloat32> build(final Layers nn, final Operand<TFloat32> input) {
		Operand<TFloat32> x = nn.tf().nn.relu(nn.conv(input, "conv0", inputChannels, width, 3, true));
		for (int i = 1; i < depth - 1; i++)
			x = nn.tf().nn.relu(nn.conv(x, "conv" + i, width, width, 3, true));
		x = nn.conv(x, "conv" + (depth - 1), width, outputChannels, 3, true);
		final Operand<TFloat32> skip = outputChannels == inputChannels ? input : nn.channels(input, 0, outputChannels);
		return nn.tf().math.add(x, skip);
	}

	/** Exports this network with seeded random weights as a model folder {@code dir} (benchmarks time it, not its output). */
	public Path exportRandom(final long seed, final String name, final ModelDescription.Tiling tiling, final Path dir)
		throws IOException
	{
		final WeightSource weights = RandomWeights.of(this, seed);
		final ModelCard card = new ModelCard(name, "random-weights benchmark network", null, null,
			new ModelDescription.ValueRange(0, 1, 255, "random weights: any range"), OfficialSizeHandling.REFLECT_PAD,
			tiling, new ModelDescription.License("none", "", true, "random weights, for benchmarks only"));
		ModelExporter.export(this, weights, new ModelExporter.Origin("random(" + seed + ")", null, null), card, dir,
			true, null);
		return dir;
	}
}
