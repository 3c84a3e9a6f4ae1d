package org.restorej.nn.ast;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.restorej.nn.Layers;
import org.restorej.nn.NetworkBudget;
import org.restorej.nn.NetworkConfig;
import org.restorej.nn.SizeRule;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Hyper-parameters of AST, the Adaptive Sparse Transformer (Zhou et al., CVPR 2024; official code
 * {@code joshyZhou/AST}, {@code model.py}), restricted to what the official inference uses:
 * {@code token_projection='linear'}, {@code qk_scale=None}, {@code shift_flag=True}, token MLP FRFN or LeFF.
 * Dropout and drop-path are inactive at inference and are not represented.
 * <p>
 * Input size: the official code requires a square input whose side tiles into the windows of every
 * attention layer. The graph built here lifts the square requirement: height and width may differ as long
 * as both are multiples of {@link WindowPlan#sizeMultiple()} (128 for the released {@code img_size=128,
 * win_size=8} models; 64 for {@code img_size=64}). For a square input it computes exactly the official
 * function. Note that {@code img_size} changes the result even though it does not change the weights: it
 * fixes the window sizes and shifts ({@link WindowPlan}), while the shift masks follow the actual input.
 *
 * @param imgSize the official {@code img_size} (training patch size; 128 for all released models)
 * @param embedDim {@code embed_dim}, E (32 for AST_B)
 * @param winSize {@code win_size} (8)
 * @param tokenMlp {@code token_mlp}
 * @param depths blocks per layer: encoders 0–3, bottleneck, decoders 0–3
 * @param numHeads attention heads per layer, same order (encoder entries are unused: no attention)
 * @param ddIn input channels ({@code dd_in}); the global residual {@code x + out} exists iff it is 3
 * @param outChannels output channels ({@code in_chans}, 3)
 * @param mlpRatio feed-forward expansion ({@code mlp_ratio}, 4); hidden width {@code floor(C·mlpRatio)}
 * @param qkvBias whether the q and kv projections have a bias ({@code qkv_bias}, true)
 */
public record AstConfig(int imgSize, int embedDim, int winSize, TokenMlp tokenMlp, int[] depths,
	int[] numHeads, int ddIn, int outChannels, double mlpRatio, boolean qkvBias) implements NetworkConfig
{

	/** Official constructor default of {@code num_heads}. */
	public static final int[] DEFAULT_NUM_HEADS = { 1, 2, 4, 8, 16, 16, 8, 4, 2 };
	/** Depths of AST_B ({@code utils/model_utils.get_arch}). */
	public static final int[] AST_B_DEPTHS = { 1, 2, 8, 8, 2, 8, 8, 2, 1 };

	/** Official constructor defaults (used for arguments missing from {@link #fromOfficialArguments}). */
	private static final int DEFAULT_IMG_SIZE = 256;
	private static final int DEFAULT_EMBED_DIM = 32;
	private static final int[] DEFAULT_DEPTHS = { 2, 2, 2, 2, 2, 2, 2, 2, 2 };
	private static final String DEFAULT_TOKEN_MLP = "leff";

	/** Constructor arguments that do not matter at inference (dropout, drop-path, training switches). */
	private static final Set<String> IGNORED_ARGUMENTS = Set.of("drop_rate", "attn_drop_rate", "drop_path_rate",
		"use_checkpoint", "patch_norm", "norm_layer", "dowsample", "upsample");

	public AstConfig {
		if (depths == null || numHeads == null) throw new IllegalArgumentException("AST depths and num_heads " +
			"must be given");
		depths = depths.clone();
		numHeads = numHeads.clone();
		if (tokenMlp == null) throw new IllegalArgumentException("AST token_mlp must be given");
		if (depths.length != 9) throw new IllegalArgumentException("AST depths must have 9 entries (4 encoder " +
			"layers, bottleneck, 4 decoder layers), got " + depths.length + ": " + Arrays.toString(depths));
		if (numHeads.length != 9) throw new IllegalArgumentException("AST num_heads must have 9 entries, got " +
			numHeads.length + ": " + Arrays.toString(numHeads));
		for (final int d : depths)
			if (d < 0) throw new IllegalArgumentException("AST depths must be >= 0: " + Arrays.toString(depths));
		if (embedDim < 1) throw new IllegalArgumentException("AST embed_dim must be >= 1: " + embedDim);
		if (tokenMlp == TokenMlp.FRFN && embedDim < 4) throw new IllegalArgumentException(
			"AST token_mlp 'frfn' needs embed_dim >= 4 (its partial conv uses the first embed_dim // 4 channels): " +
				embedDim);
		if (winSize < 1) throw new IllegalArgumentException("AST win_size must be >= 1: " + winSize);
		if (imgSize < 16) throw new IllegalArgumentException("AST img_size must be >= 16 (the bottleneck works " +
			"at img_size / 16): " + imgSize);
		if (ddIn < 1) throw new IllegalArgumentException("AST dd_in must be >= 1: " + ddIn);
		if (outChannels < 1) throw new IllegalArgumentException("AST in_chans must be >= 1: " + outChannels);
		if (ddIn == 3 && outChannels != 3) throw new IllegalArgumentException("AST with dd_in = 3 adds the input " +
			"to the output (global residual), which needs in_chans = 3, got " + outChannels);
		if (!(mlpRatio > 0) || Math.floor(embedDim * mlpRatio) < 1)
			throw new IllegalArgumentException("AST mlp_ratio must give a hidden width >= 1: " + mlpRatio);
		final int[] widths = { 1, 2, 4, 8, 16, 16, 8, 4, 2 };
		for (int k = 4; k < 9; k++) {
			final int c = widths[k] * embedDim;
			if (depths[k] > 0 && (numHeads[k] < 1 || c % numHeads[k] != 0))
				throw new IllegalArgumentException("AST layer " + k + " has " + c + " channels, which " +
					numHeads[k] + " attention heads do not divide (num_heads " + Arrays.toString(numHeads) + ")");
		}
		NetworkBudget.check("AST embed_dim", embedDim, 1, NetworkBudget.MAX_WIDTH / 16);
		NetworkBudget.check("AST img_size", imgSize, 16, 1024);
		NetworkBudget.check("AST win_size", winSize, 1, 64);
		NetworkBudget.check("AST dd_in", ddIn, 1, NetworkBudget.MAX_CHANNELS);
		NetworkBudget.check("AST in_chans", outChannels, 1, NetworkBudget.MAX_CHANNELS);
		if (!(mlpRatio <= 16)) throw new IllegalArgumentException("AST mlp_ratio must be at most 16: " + mlpRatio);
		final long[] levelWidths = new long[9];
		for (int k = 0; k < 9; k++)
			levelWidths[k] = (long) widths[k] * embedDim;
		// a block: 4 C^2 attention projections, about 2 r C^2 in the token MLP
		NetworkBudget.checkSize(depths, levelWidths, 4 + 2 * mlpRatio);
	}

	/**
	 * AST_B as {@code utils/model_utils.get_arch} builds it for the official tests: {@code img_size=128,
	 * embed_dim=32, win_size=8, token_mlp='frfn', depths=[1,2,8,8,2,8,8,2,1]}, default heads.
	 */
	public static AstConfig astB(final int ddIn) {
		return new AstConfig(128, 32, 8, TokenMlp.FRFN, AST_B_DEPTHS, DEFAULT_NUM_HEADS, ddIn, 3, 4.0, true);
	}

	/**
	 * A configuration from the official constructor's keyword arguments (as parsed from JSON: numbers may be
	 * Integer, Long, Double...; lists may be {@link List}s or arrays). Missing arguments take the official
	 * defaults: {@code img_size=256, in_chans=3, dd_in=3, embed_dim=32, depths=[2]*9,
	 * num_heads=[1,2,4,8,16,16,8,4,2], win_size=8, mlp_ratio=4, qkv_bias=True, qk_scale=None,
	 * token_projection='linear', token_mlp='leff', shift_flag=True}. Dropout/drop-path and training
	 * switches are accepted and ignored.
	 *
	 * @throws IllegalArgumentException for unsupported values ({@code token_projection} other than
	 *           {@code 'linear'}, {@code token_mlp} {@code 'ffn'}, a {@code qk_scale}, {@code shift_flag=False}),
	 *           unknown argument names, or values of the wrong type
	 */
	public static AstConfig fromOfficialArguments(final Map<String, ?> args) {
		for (final String key : args.keySet())
			if (!IGNORED_ARGUMENTS.contains(key) && !List.of("img_size", "in_chans", "dd_in", "embed_dim", "depths",
				"num_heads", "win_size", "mlp_ratio", "qkv_bias", "qk_scale", "token_projection", "token_mlp",
				"shift_flag").contains(key)) throw new IllegalArgumentException("Unknown AST constructor argument '" +
					key + "'");
		final Object projection = args.get("token_projection");
		if (projection != null && !"linear".equals(String.valueOf(projection).toLowerCase(Locale.ROOT)))
			throw new IllegalArgumentException("AST token_projection='" + projection +
				"' is not supported; only 'linear' (used by all official models) is");
		if (args.get("qk_scale") != null) throw new IllegalArgumentException("AST qk_scale=" +
			args.get("qk_scale") + " is not supported; only None (scale head_dim^-0.5) is");
		if (args.containsKey("shift_flag") && !bool(args, "shift_flag", true))
			throw new IllegalArgumentException("AST shift_flag=False is not supported; only True is");
		final Object mlp = args.get("token_mlp");
		return new AstConfig(integer(args, "img_size", DEFAULT_IMG_SIZE), integer(args, "embed_dim",
			DEFAULT_EMBED_DIM), integer(args, "win_size", 8), TokenMlp.fromOfficialName(mlp == null
				? DEFAULT_TOKEN_MLP : String.valueOf(mlp)), ints(args, "depths", DEFAULT_DEPTHS), ints(args,
					"num_heads", DEFAULT_NUM_HEADS), integer(args, "dd_in", 3), integer(args, "in_chans", 3),
			number(args, "mlp_ratio", 4.0), bool(args, "qkv_bias", true));
	}

	/**
	 * The official keyword arguments giving this network (every argument that matters, including those at
	 * their defaults), in a form {@link #fromOfficialArguments} reads back.
	 */
	@Override
	public Map<String, Object> officialArguments() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("img_size", imgSize);
		m.put("in_chans", outChannels);
		m.put("dd_in", ddIn);
		m.put("embed_dim", embedDim);
		m.put("depths", Arrays.stream(depths).boxed().toList());
		m.put("num_heads", Arrays.stream(numHeads).boxed().toList());
		m.put("win_size", winSize);
		m.put("mlp_ratio", mlpRatio);
		m.put("qkv_bias", qkvBias);
		m.put("token_projection", "linear");
		m.put("token_mlp", tokenMlp.officialName());
		return m;
	}

	@Override
	public String architecture() {
		return "ast";
	}

	@Override
	public int inputChannels() {
		return ddIn;
	}

	@Override
	public int outputChannels() {
		return outChannels;
	}

	/**
	 * Both sides a multiple of {@link WindowPlan#sizeMultiple()}; unlike the official code, not necessarily
	 * square (see the class documentation).
	 */
	@Override
	public SizeRule sizeRule() {
		return new SizeRule(windowPlan().sizeMultiple(), false);
	}

	/** Window size and shifts of every layer and block. */
	public WindowPlan windowPlan() {
		return WindowPlan.of(this);
	}

	/** Hidden width of the feed-forward of a block with {@code channels} channels: floor(C·mlp_ratio). */
	public int hiddenWidth(final int channels) {
		return (int) Math.floor(channels * mlpRatio);
	}

	@Override
	public Operand<TFloat32> build(final Layers layers, final Operand<TFloat32> input) {
		return new AstNetwork(this, layers).build(input);
	}

	@Override
	public int[] depths() {
		return depths.clone();
	}

	@Override
	public int[] numHeads() {
		return numHeads.clone();
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof AstConfig c && imgSize == c.imgSize && embedDim == c.embedDim && winSize == c.winSize &&
			tokenMlp == c.tokenMlp && Arrays.equals(depths, c.depths) && Arrays.equals(numHeads, c.numHeads) &&
			ddIn == c.ddIn && outChannels == c.outChannels && Double.compare(mlpRatio, c.mlpRatio) == 0 &&
			qkvBias == c.qkvBias;
	}

	@Override
	public int hashCode() {
		int h = java.util.Objects.hash(imgSize, embedDim, winSize, tokenMlp, ddIn, outChannels, mlpRatio, qkvBias);
		h = 31 * h + Arrays.hashCode(depths);
		return 31 * h + Arrays.hashCode(numHeads);
	}

	@Override
	public String toString() {
		return "AstConfig[imgSize=" + imgSize + ", embedDim=" + embedDim + ", winSize=" + winSize + ", tokenMlp=" +
			tokenMlp + ", depths=" + Arrays.toString(depths) + ", numHeads=" + Arrays.toString(numHeads) +
			", ddIn=" + ddIn + ", outChannels=" + outChannels + ", mlpRatio=" + mlpRatio + ", qkvBias=" + qkvBias +
			"]";
	}

	// ---- argument parsing

	private static double number(final Map<String, ?> args, final String key, final double dflt) {
		final Object v = args.get(key);
		if (v == null) return dflt;
		if (v instanceof Number n) return n.doubleValue();
		if (v instanceof String s) try {
			return Double.parseDouble(s.trim());
		}
		catch (final NumberFormatException e) {
			// reported below
		}
		throw new IllegalArgumentException("AST argument " + key + " must be a number, got " + v);
	}

	private static int integer(final Map<String, ?> args, final String key, final int dflt) {
		return args.get(key) == null ? dflt : toInt(args.get(key), key);
	}

	private static int toInt(final Object v, final String key) {
		final double d;
		if (v instanceof Number n) d = n.doubleValue();
		else if (v instanceof String s) {
			try {
				d = Double.parseDouble(s.trim());
			}
			catch (final NumberFormatException e) {
				throw new IllegalArgumentException("AST argument " + key + " must be an integer, got " + v);
			}
		}
		else throw new IllegalArgumentException("AST argument " + key + " must be an integer, got " + v);
		if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE)
			throw new IllegalArgumentException("AST argument " + key + " must be an integer, got " + v);
		return (int) d;
	}

	private static int[] ints(final Map<String, ?> args, final String key, final int[] dflt) {
		final Object v = args.get(key);
		if (v == null) return dflt.clone();
		final List<Object> items = new ArrayList<>();
		if (v instanceof List<?> l) items.addAll(l);
		else if (v.getClass().isArray()) for (int i = 0; i < Array.getLength(v); i++)
			items.add(Array.get(v, i));
		else throw new IllegalArgumentException("AST argument " + key + " must be a list of integers, got " + v);
		final int[] out = new int[items.size()];
		for (int i = 0; i < out.length; i++)
			out[i] = toInt(items.get(i), key);
		return out;
	}

	private static boolean bool(final Map<String, ?> args, final String key, final boolean dflt) {
		final Object v = args.get(key);
		if (v == null) return dflt;
		if (v instanceof Boolean b) return b;
		if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")))
			return Boolean.parseBoolean(s);
		if (v instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) return n.doubleValue() == 1;
		throw new IllegalArgumentException("AST argument " + key + " must be a boolean, got " + v);
	}
}
