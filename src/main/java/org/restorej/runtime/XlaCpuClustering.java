package org.restorej.runtime;

import org.tensorflow.internal.c_api.global.tensorflow;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;

/**
 * XLA auto-clustering on CPU: TensorFlow fuses runs of memory-bound ops (the element-wise chains of
 * LayerNorm, GELU, softmax) into compiled kernels. The CPU switches are process-wide flags of the C API
 * that must be set before the first graph is optimised, hence once, before the first session is made.
 * Chosen with {@code -Drestorej.xla=on|off} or the environment variable {@code RESTOREJ_XLA} (default
 * off); GPU sessions never get it.
 */
public final class XlaCpuClustering {

	private static boolean applied;

	private XlaCpuClustering() {}

	public static boolean requested() {
		final String v = System.getProperty("restorej.xla", System.getenv().getOrDefault("RESTOREJ_XLA", "off"));
		return v.equalsIgnoreCase("on") || v.equalsIgnoreCase("true") || v.equals("1");
	}

	/** Sets the process-wide flags (once) and returns the graph options that turn clustering on for a session. */
	static synchronized GraphOptions graphOptions() {
		if (!applied) {
			tensorflow.TF_SetTfXlaCpuGlobalJit((byte) 1);
			tensorflow.TF_SetXlaAutoJitMode("fusible");
			applied = true;
		}
		return GraphOptions.newBuilder().setOptimizerOptions(OptimizerOptions.newBuilder().setGlobalJitLevel(
			OptimizerOptions.GlobalJitLevel.ON_1)).build();
	}
}
