package org.restorej.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forward times of several runtimes on the same networks measured in one sitting, with the ratios to
 * RestoreJ (the first row) and the floor the machine's matrix-product rate implies. Only such ratios
 * hold on shared machines: absolute times move with the load.
 *
 * @param networks column names, in order
 * @param rows runtime name to its timing per network; the first row is RestoreJ
 * @param flops floating-point operations of one forward per network
 * @param matMulGflops the machine's own rate for a large float32 matrix product (NaN if not measured)
 */
public record ComparisonTable(List<String> networks, Map<String, Map<String, Timing>> rows,
	Map<String, Double> flops, double matMulGflops)
{
	public ComparisonTable {
		networks = List.copyOf(networks);
		rows = new LinkedHashMap<>(rows);
		flops = Map.copyOf(flops);
		if (rows.isEmpty()) throw new IllegalArgumentException("no rows");
	}

	/** How many times faster RestoreJ is than {@code runtime} on {@code network} (NaN if either is missing). */
	public double speedup(final String runtime, final String network) {
		return timing(runtime, network).median() / timing(reference(), network).median();
	}

	/** Seconds one forward of {@code network} would take at the matrix-product rate. */
	public double floorSeconds(final String network) {
		return flops.getOrDefault(network, Double.NaN) / (matMulGflops * 1e9);
	}

	public String format() {
		final List<List<String>> cells = new ArrayList<>();
		final List<String> head = new ArrayList<>(List.of(""));
		networks.forEach(head::add);
		cells.add(head);
		final String ref = reference();
		for (final String runtime : rows.keySet()) {
			final List<String> line = new ArrayList<>(List.of(runtime));
			for (final String n : networks) {
				final Timing t = timing(runtime, n);
				if (!t.isMeasured()) line.add("missing");
				else if (runtime.equals(ref)) line.add(String.format("%.2f s", t.median()));
				else line.add(String.format("%.2f s (%s %.2fx)", t.median(), ref, speedup(runtime, n)));
			}
			cells.add(line);
		}
		final List<String> flopLine = new ArrayList<>(List.of("GFLOP per forward"));
		final List<String> rate = new ArrayList<>(List.of(ref + " GFLOP/s"));
		final List<String> floor = new ArrayList<>(List.of("floor at the matmul rate"));
		for (final String n : networks) {
			final double f = flops.getOrDefault(n, Double.NaN);
			flopLine.add(String.format("%.1f", f / 1e9));
			final double achieved = f / timing(ref, n).median() / 1e9;
			rate.add(Double.isNaN(matMulGflops) ? String.format("%.1f", achieved) : String.format("%.1f (%.0f %%)",
				achieved, 100 * achieved / matMulGflops));
			floor.add(String.format("%.2f s", floorSeconds(n)));
		}
		cells.add(flopLine);
		cells.add(rate);
		if (!Double.isNaN(matMulGflops)) cells.add(floor);
		final StringBuilder sb = new StringBuilder();
		for (int i = 0; i < cells.size(); i++) {
			sb.append("| ").append(String.join(" | ", cells.get(i))).append(" |\n");
			if (i == 0) sb.append("|---".repeat(networks.size() + 1)).append("|\n");
		}
		sb.append(Double.isNaN(matMulGflops) ? "4096x4096 float32 matmul: not measured\n" : String.format(
			"4096x4096 float32 matmul (TensorFlow): %.1f GFLOP/s%n", matMulGflops));
		for (final var row : rows.entrySet())
			for (final String n : networks) {
				final Timing t = row.getValue().get(n);
				if (t == null || !t.isMeasured()) sb.append(String.format("%s, %s: missing: %s%n", row.getKey(), n, t ==
					null ? "not run" : t.missing()));
			}
		return sb.toString();
	}

	private String reference() {
		return rows.keySet().iterator().next();
	}

	private Timing timing(final String runtime, final String network) {
		final Timing t = rows.getOrDefault(runtime, Map.of()).get(network);
		return t == null ? Timing.missing("not run") : t;
	}
}
