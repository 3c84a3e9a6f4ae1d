package org.restorej.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.restorej.export.Preset;
import org.restorej.runtime.ExecutionOptions;

/**
 * {@code restorej bench --compare}: RestoreJ's forward of the full-size official networks and the anchors
 * (the official code in PyTorch, ONNX Runtime on its ONNX export), all in one sitting, with the machine's
 * matrix-product rate. An anchor that cannot run is reported missing with the reason; the rest still runs.
 */
public final class ForwardComparison {

	public static final String RESTOREJ = "RestoreJ";
	public static final String PYTORCH = "official code, PyTorch";
	public static final String ONNX_RUNTIME = "ONNX Runtime (official export)";

	/** The networks compared: column name and preset. */
	public static final Map<String, Preset> NETWORKS = networks();

	private static Map<String, Preset> networks() {
		final Map<String, Preset> m = new LinkedHashMap<>();
		m.put("Restormer", Preset.RESTORMER_DERAINING);
		m.put("AST_B", Preset.AST_SPAD_DERAINING);
		return java.util.Collections.unmodifiableMap(m);
	}

	private ForwardComparison() {}

	/** A timing as a progress line prints it, so that a long sitting shows its figures as they come. */
	private static String said(final Timing t) {
		return t.isMeasured() ? String.format("%.3f s", t.median()) : "missing";
	}

	/**
	 * @param networks column names of {@link #NETWORKS} to run
	 * @param log progress lines (what runs now)
	 */
	public static ComparisonTable run(final List<String> networks, final int size, final int runs,
		final ExecutionOptions execution, final OfficialCode pytorch, final OnnxRuntimeAnchor onnx,
		final Consumer<String> log)
	{
		final int threads = execution.intraOpThreads() > 0 ? execution.intraOpThreads() : Runtime.getRuntime()
			.availableProcessors();
		final ExecutionOptions timed = new ExecutionOptions(execution.device(), threads, 1, true);
		final Map<String, Map<String, Timing>> rows = new LinkedHashMap<>();
		rows.put(RESTOREJ, new LinkedHashMap<>());
		rows.put(PYTORCH, new LinkedHashMap<>());
		rows.put(ONNX_RUNTIME, new LinkedHashMap<>());
		final Map<String, Double> flops = new LinkedHashMap<>();
		log.accept("4096x4096 matmul on " + threads + " threads");
		final double matmul = MatMulRate.measure(4096, Math.max(3, runs), timed);
		log.accept(String.format("  %.1f GFLOP/s", matmul));
		for (final String n : networks) {
			final Preset p = NETWORKS.get(n);
			log.accept(RESTOREJ + " " + n);
			final NetworkBenchmark.Figures f = NetworkBenchmark.run(n, p.network(), size, size, runs, timed, false);
			rows.get(RESTOREJ).put(n, Timing.measured(f.seconds()));
			flops.put(n, f.flops());
			log.accept(String.format("  %.3f s; %s %s", Timing.measured(f.seconds()).median(), PYTORCH, n));
			rows.get(PYTORCH).put(n, pytorch.time(p.network(), size, runs, threads));
			log.accept("  " + said(rows.get(PYTORCH).get(n)) + "; " + ONNX_RUNTIME + " " + n);
			rows.get(ONNX_RUNTIME).put(n, onnx.time(p.network(), size, runs, threads));
			log.accept("  " + said(rows.get(ONNX_RUNTIME).get(n)));
		}
		return new ComparisonTable(networks, rows, flops, matmul);
	}
}
