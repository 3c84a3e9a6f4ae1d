package org.restorej.nn.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-layer window sizes and per-block cyclic shifts of an AST, fixed at construction from
 * {@code img_size} (not from the input actually fed), as the official constructor does:
 * <ul>
 * <li>a layer at downsampling scale ℓ has the nominal resolution {@code r = img_size / 2^ℓ} (integer
 * division);</li>
 * <li>if {@code r <= win_size}, its window is {@code r} and no block is shifted;</li>
 * <li>otherwise the window is {@code win_size} and block i is shifted by {@code win_size / 2} when i is
 * odd, by 0 when i is even.</li>
 * </ul>
 * Encoder layers get a plan too (the official code records one) but have no attention, so it is unused.
 *
 * @param layers the nine layers in forward order: {@code encoderlayer_0..3}, {@code conv} (bottleneck),
 *          {@code decoderlayer_0..3}
 */
public record WindowPlan(List<Layer> layers) {

	/**
	 * One layer of transformer blocks.
	 *
	 * @param name state-dict prefix of the layer, e.g. {@code decoderlayer_2}
	 * @param scale ℓ: the layer works at 1/2^ℓ of the input resolution
	 * @param dim channels of its tokens
	 * @param heads attention heads (unused by encoder layers)
	 * @param nominalResolution {@code img_size / 2^ℓ}
	 * @param attention whether its blocks have (sparse window) attention: bottleneck and decoders only
	 * @param window window side
	 * @param shifts cyclic shift of each block (its size is the layer depth)
	 */
	public record Layer(String name, int scale, int dim, int heads, int nominalResolution, boolean attention,
		int window, List<Integer> shifts)
	{
		public Layer {
			shifts = List.copyOf(shifts);
		}

		public int depth() {
			return shifts.size();
		}

		/** Whether some block of this layer is shifted (and so needs the shift mask). */
		public boolean anyShift() {
			return shifts.stream().anyMatch(s -> s > 0);
		}

		/** State-dict prefix of block i, e.g. {@code conv.blocks.1}. */
		public String blockName(final int i) {
			return name + ".blocks." + i;
		}
	}

	/** One block of the plan, as the fixture manifests list them. */
	public record Block(String name, boolean attention, int window, int shift) {}

	public WindowPlan {
		layers = List.copyOf(layers);
	}

	/** The plan of a configuration. */
	public static WindowPlan of(final AstConfig config) {
		final int e = config.embedDim();
		final String[] names = { "encoderlayer_0", "encoderlayer_1", "encoderlayer_2", "encoderlayer_3", "conv",
			"decoderlayer_0", "decoderlayer_1", "decoderlayer_2", "decoderlayer_3" };
		final int[] scales = { 0, 1, 2, 3, 4, 3, 2, 1, 0 };
		final int[] dims = { e, 2 * e, 4 * e, 8 * e, 16 * e, 16 * e, 8 * e, 4 * e, 2 * e };
		final List<Layer> layers = new ArrayList<>();
		for (int k = 0; k < 9; k++) {
			final int r = config.imgSize() >> scales[k];
			final boolean small = r <= config.winSize();
			final int window = small ? r : config.winSize();
			final List<Integer> shifts = new ArrayList<>();
			for (int i = 0; i < config.depths()[k]; i++)
				shifts.add(small || i % 2 == 0 ? 0 : config.winSize() / 2);
			layers.add(new Layer(names[k], scales[k], dims[k], config.numHeads()[k], r, k >= 4, window, shifts));
		}
		return new WindowPlan(layers);
	}

	/** Every block in forward order. */
	public List<Block> blocks() {
		final List<Block> blocks = new ArrayList<>();
		for (final Layer l : layers)
			for (int i = 0; i < l.depth(); i++)
				blocks.add(new Block(l.blockName(i), l.attention(), l.window(), l.shifts().get(i)));
		return blocks;
	}

	/**
	 * The number both input sides must be a multiple of: every attention layer must tile into whole windows
	 * ({@code (side / 2^ℓ) mod window == 0}) and the side must stay even through the four stride-2
	 * downsamplings, i.e. the lcm of 16 and every attention layer's {@code window·2^ℓ}.
	 */
	public int sizeMultiple() {
		long m = 16;
		for (final Layer l : layers)
			if (l.attention() && l.depth() > 0) m = lcm(m, (long) l.window() << l.scale());
		return Math.toIntExact(m);
	}

	/**
	 * The relative position index of a {@code win x win} window, row-major {@code [win², win²]}:
	 * {@code idx(p, q) = (py − qy + win − 1)·(2·win − 1) + (px − qx + win − 1)}, the checkpoint buffer
	 * {@code attn.relative_position_index}.
	 */
	public static int[] relativePositionIndex(final int win) {
		final int n = win * win;
		final int[] idx = new int[n * n];
		for (int p = 0; p < n; p++)
			for (int q = 0; q < n; q++)
				idx[p * n + q] = (p / win - q / win + win - 1) * (2 * win - 1) + (p % win - q % win + win - 1);
		return idx;
	}

	private static long lcm(final long a, final long b) {
		return a / gcd(a, b) * b;
	}

	private static long gcd(final long a, final long b) {
		return b == 0 ? a : gcd(b, a % b);
	}
}
