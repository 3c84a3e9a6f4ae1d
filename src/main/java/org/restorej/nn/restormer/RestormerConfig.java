package org.restorej.nn.restormer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.restorej.nn.Layers;
import org.restorej.nn.NetworkBudget;
import org.restorej.nn.NetworkConfig;
import org.restorej.nn.SizeRule;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Restormer's constructor arguments (Zamir et al., CVPR 2022). Every official task uses dim 48, blocks
 * [4, 6, 6, 8], 4 refinement blocks, heads [1, 2, 4, 8], expansion 2.66 and no bias; they differ in
 * channels, LayerNorm type and the dual-pixel skip.
 */
public record RestormerConfig(int inputChannels, int outputChannels, int dim, int[] numBlocks,
	int numRefinementBlocks, int[] heads, double ffnExpansionFactor, boolean bias, LayerNormType layerNorm,
	boolean dualPixelTask) implements NetworkConfig
{

	public enum LayerNormType {
		WITH_BIAS("WithBias"), BIAS_FREE("BiasFree");

		private final String official;

		LayerNormType(final String official) {
			this.official = official;
		}

		public String official() {
			return official;
		}

		public static LayerNormType ofOfficial(final String name) {
			for (final LayerNormType t : values())
				if (t.official.equals(name)) return t;
			throw new IllegalArgumentException("LayerNorm_type must be WithBias or BiasFree, not " + name);
		}
	}

	public RestormerConfig {
		if (numBlocks.length != 4 || heads.length != 4)
			throw new IllegalArgumentException("num_blocks and heads need 4 entries (one per level)");
		NetworkBudget.check("inp_channels", inputChannels, 1, NetworkBudget.MAX_CHANNELS);
		NetworkBudget.check("out_channels", outputChannels, 1, NetworkBudget.MAX_CHANNELS);
		NetworkBudget.check("dim", dim, 1, NetworkBudget.MAX_WIDTH >> 3);
		NetworkBudget.check("num_refinement_blocks", numRefinementBlocks, 0, NetworkBudget.MAX_BLOCKS);
		if (!(ffnExpansionFactor > 0 && ffnExpansionFactor <= 16)) throw new IllegalArgumentException(
			"ffn_expansion_factor is " + ffnExpansionFactor + ", not above 0 and at most 16");
		for (int level = 0; level < 4; level++) {
			NetworkBudget.check("num_blocks[" + level + "]", numBlocks[level], 0, NetworkBudget.MAX_BLOCKS);
			NetworkBudget.check("heads[" + level + "]", heads[level], 1, dim << level);
		}
		// encoder and decoder levels, refinement at twice dim; a block: 4 C^2 attention, 3 f C^2 feed-forward
		NetworkBudget.checkSize(new int[] { 2 * numBlocks[0], 2 * numBlocks[1], 2 * numBlocks[2], numBlocks[3],
			numRefinementBlocks }, new long[] { 2L * dim, 2L * dim, 4L * dim, 8L * dim, 2L * dim }, 4 + 3 *
				ffnExpansionFactor);
		for (int level = 0; level < 4; level++)
			if ((dim << level) % heads[level] != 0) throw new IllegalArgumentException("level " + (level + 1) +
				" width " + (dim << level) + " is not divisible by " + heads[level] + " heads");
		if (!dualPixelTask && inputChannels != outputChannels) throw new IllegalArgumentException(
			"inp_channels must equal out_channels for the global residual (only the dual-pixel task differs)");
		numBlocks = numBlocks.clone();
		heads = heads.clone();
	}

	/** The official full-size network with the given channels, LayerNorm and dual-pixel setting. */
	public static RestormerConfig official(final int in, final int out, final LayerNormType norm,
		final boolean dualPixel)
	{
		return new RestormerConfig(in, out, 48, new int[] { 4, 6, 6, 8 }, 4, new int[] { 1, 2, 4, 8 }, 2.66,
			false, norm, dualPixel);
	}

	/** From the official constructor's keyword arguments; missing ones take the official defaults. */
	public static RestormerConfig fromOfficialArguments(final Map<String, ?> a) {
		return new RestormerConfig(intArg(a, "inp_channels", 3), intArg(a, "out_channels", 3),
			intArg(a, "dim", 48), intsArg(a, "num_blocks", new int[] { 4, 6, 6, 8 }),
			intArg(a, "num_refinement_blocks", 4), intsArg(a, "heads", new int[] { 1, 2, 4, 8 }),
			a.containsKey("ffn_expansion_factor") ? ((Number) a.get("ffn_expansion_factor")).doubleValue() : 2.66,
			a.containsKey("bias") ? (Boolean) a.get("bias") : false,
			LayerNormType.ofOfficial(a.containsKey("LayerNorm_type") ? (String) a.get("LayerNorm_type")
				: "WithBias"),
			a.containsKey("dual_pixel_task") ? (Boolean) a.get("dual_pixel_task") : false);
	}

	@Override
	public Map<String, Object> officialArguments() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("inp_channels", inputChannels);
		m.put("out_channels", outputChannels);
		m.put("dim", dim);
		m.put("num_blocks", Arrays.stream(numBlocks).boxed().toList());
		m.put("num_refinement_blocks", numRefinementBlocks);
		m.put("heads", Arrays.stream(heads).boxed().toList());
		m.put("ffn_expansion_factor", ffnExpansionFactor);
		m.put("bias", bias);
		m.put("LayerNorm_type", layerNorm.official());
		m.put("dual_pixel_task", dualPixelTask);
		return m;
	}

	@Override
	public String architecture() {
		return "restormer";
	}

	/** Three 2x downsamplings: both sides a multiple of 8. */
	@Override
	public SizeRule sizeRule() {
		return new SizeRule(8, false);
	}

	/** GDFN hidden width: the official code truncates {@code C * factor} computed in double. */
	public int hiddenWidth(final int channels) {
		return (int) Math.floor(channels * ffnExpansionFactor);
	}

	@Override
	public Operand<TFloat32> build(final Layers layers, final Operand<TFloat32> input) {
		return new RestormerGraph(this, layers).forward(input);
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof RestormerConfig c && officialArguments().equals(c.officialArguments());
	}

	@Override
	public int hashCode() {
		return officialArguments().hashCode();
	}

	@Override
	public String toString() {
		return "Restormer" + officialArguments();
	}

	private static int intArg(final Map<String, ?> a, final String key, final int dflt) {
		return a.containsKey(key) ? whole(a.get(key), key) : dflt;
	}

	private static int[] intsArg(final Map<String, ?> a, final String key, final int[] dflt) {
		if (!a.containsKey(key)) return dflt;
		return ((List<?>) a.get(key)).stream().mapToInt(v -> whole(v, key)).toArray();
	}

	/** A whole number that fits an int: 2^40 or 2.5 is refused rather than truncated. */
	private static int whole(final Object v, final String key) {
		if (!(v instanceof Number n)) throw new IllegalArgumentException(key + " must be a whole number, not " + v);
		final double d = n.doubleValue();
		if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) throw new IllegalArgumentException(key +
			" must be a whole number, not " + v);
		return (int) d;
	}
}
