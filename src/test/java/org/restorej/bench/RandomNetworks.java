package org.restorej.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.restorej.engine.OfficialSizeHandling;
import org.restorej.export.ModelCard;
import org.restorej.export.ModelExporter;
import org.restorej.model.ModelDescription;
import org.restorej.nn.Layers;
import org.restorej.nn.NetworkConfig;
import org.restorej.nn.ParameterStore;
import org.restorej.nn.WeightSource;
import org.restorej.nn.ast.AstConfig;
import org.restorej.nn.ast.TokenMlp;
import org.restorej.nn.restormer.RestormerConfig;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Model folders with random weights, for tests and benchmarks of the engine: what matters there is
 * how a network mixes information across the image, not what it was trained to do.
 */
public final class RandomNetworks {

	private RandomNetworks() {}

	/**
	 * An AST of about the reference fixtures' size (embed dim 8, one block per layer, windows of 8 on
	 * img_size 128, so sides a multiple of 128), RGB with the global residual.
	 */
	public static AstConfig smallAst() {
		return new AstConfig(128, 8, 8, TokenMlp.FRFN, new int[] { 1, 1, 1, 1, 1, 1, 1, 1, 1 },
			AstConfig.DEFAULT_NUM_HEADS, 3, 3, 4.0, true);
	}

	/** A Restormer of the small size of the reference fixtures: dim 8, one block per level. */
	public static RestormerConfig smallRestormer(final int channels) {
		return new RestormerConfig(channels, channels, 8, new int[] { 1, 1, 1, 1 }, 1, new int[] { 1, 2, 4, 8 }, 2.66,
			false, RestormerConfig.LayerNormType.WITH_BIAS, false);
	}

	/**
	 * Random weights for every parameter of {@code config}, drawn like an initialisation: matrices and
	 * kernels N(0, 1/fan-in), norm scales 1 + N(0, 0.1^2), biases N(0, 0.1^2), attention temperatures
	 * U(0.5, 2).
	 */
	public static WeightSource randomWeights(final NetworkConfig config, final long seed) {
		return randomWeights(config, seed, 1);
	}

	/**
	 * The same, with the weights of the final layer ({@code output*}: Restormer's {@code output}, AST's
	 * {@code output_proj}) times {@code outputScale}: a
	 * residual network then changes its input by that factor less, as a trained restorer that adds a
	 * small correction does.
	 */
	public static WeightSource randomWeights(final NetworkConfig config, final long seed, final double outputScale) {
		final Map<String, long[]> shapes = new LinkedHashMap<>();
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final ParameterStore store = new ParameterStore(tf);
			config.build(new Layers(tf, store), tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1,
				config.inputChannels()))));
			store.parameters().forEach((k, p) -> shapes.put(k, p.torchShape()));
		}
		return new WeightSource() {
			@Override
			public Set<String> keys() {
				return shapes.keySet();
			}

			@Override
			public long[] shape(final String key) {
				return shapes.get(key);
			}

			@Override
			public float[] read(final String key) {
				final long[] s = shapes.get(key);
				long n = 1;
				for (final long d : s)
					n *= d;
				final SplittableRandom r = new SplittableRandom(seed ^ key.hashCode() * 0x9E3779B97F4A7C15L);
				final float[] v = new float[(int) n];
				final double fanIn = s.length >= 2 ? (double) n / s[0] : 1;
				for (int i = 0; i < v.length; i++) {
					if (key.endsWith("temperature")) v[i] = (float) r.nextDouble(0.5, 2);
					else if (s.length >= 2) v[i] = (float) (r.nextGaussian() / Math.sqrt(fanIn));
					else if (key.contains("norm") && key.endsWith("weight")) v[i] = (float) (1 + 0.1 * r.nextGaussian());
					else v[i] = (float) (0.1 * r.nextGaussian());
				}
				if (key.startsWith("output")) for (int i = 0; i < v.length; i++)
					v[i] *= (float) outputScale;
				return v;
			}
		};
	}

	/** Exports {@code config} with random weights as a model folder {@code dir}. */
	public static Path export(final NetworkConfig config, final long seed, final String name,
		final ModelDescription.Tiling tiling, final Path dir) throws IOException
	{
		return export(config, seed, 1, name, tiling, dir);
	}

	/** Exports {@code config} with random weights, the final layer's times {@code outputScale}. */
	public static Path export(final NetworkConfig config, final long seed, final double outputScale,
		final String name, final ModelDescription.Tiling tiling, final Path dir) throws IOException
	{
		final List<String> meaning = config.inputChannels() == 1 ? List.of("grey") : config.inputChannels() == 3
			? List.of("R", "G", "B") : null;
		final List<String> outMeaning = config.outputChannels() == 1 ? List.of("grey") : config.outputChannels() == 3
			? List.of("R", "G", "B") : null;
		final ModelCard card = new ModelCard(name, "random-weights test network", meaning, outMeaning,
			new ModelDescription.ValueRange(0, 1, 65535, "random weights: any range"), config.architecture().equals("ast")
				? OfficialSizeHandling.SQUARE_CANVAS : OfficialSizeHandling.REFLECT_PAD, tiling,
			new ModelDescription.License("none", "", true, "random weights, for tests only"));
		ModelExporter.export(config, randomWeights(config, seed, outputScale), new ModelExporter.Origin("random(" + seed + ")",
			null, null), card, dir, true, null);
		return dir;
	}
}
