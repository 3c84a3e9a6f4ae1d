package org.restorej.nn;

/**
 * Bounds on a configuration's hyper-parameters, checked before any graph is built: a configuration comes from
 * a user's file ({@code import --config}) or a model folder's {@code model.json}, and a width of 2^31-1 or a
 * billion blocks would make graph building overflow TensorFlow's shape checks (aborting the JVM) or never end.
 * The bounds are far above every published model (Restormer: width 384, 26 M parameters; AST-B: width 512).
 */
public final class NetworkBudget {

	/** Widest feature map (channels) any level may have. */
	public static final int MAX_WIDTH = 8192;
	/** Blocks in all levels together (each adds about a hundred graph nodes). */
	public static final int MAX_BLOCKS = 512;
	/** Input or output channels. */
	public static final int MAX_CHANNELS = 1024;
	/** Weights in all (4 GB as float32). */
	public static final long MAX_PARAMETERS = 1L << 30;

	private NetworkBudget() {}

	/**
	 * @throws IllegalArgumentException naming {@code key} if {@code value} is outside {@code [low, high]}
	 */
	public static void check(final String key, final long value, final long low, final long high) {
		if (value < low || value > high) throw new IllegalArgumentException(key + " is " + value + ", not from " + low +
			" to " + high);
	}

	/**
	 * @param blocks blocks per level
	 * @param widths each level's width
	 * @param perBlock weights of a block per squared width (its projections)
	 * @throws IllegalArgumentException if the blocks or their estimated weights exceed the budget
	 */
	public static void checkSize(final int[] blocks, final long[] widths, final double perBlock) {
		long total = 0;
		double weights = 0;
		for (int l = 0; l < blocks.length; l++) {
			total += blocks[l];
			weights += blocks[l] * perBlock * widths[l] * (double) widths[l];
		}
		if (total > MAX_BLOCKS) throw new IllegalArgumentException("the configuration has " + total + " blocks, " +
			"more than " + MAX_BLOCKS);
		if (weights > MAX_PARAMETERS) throw new IllegalArgumentException(String.format("the configuration has about " +
			"%.3g weights, more than %d", weights, MAX_PARAMETERS));
	}
}
