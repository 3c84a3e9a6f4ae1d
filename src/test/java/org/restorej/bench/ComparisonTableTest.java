package org.restorej.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ComparisonTableTest {

	private static ComparisonTable table() {
		final Map<String, Map<String, Timing>> rows = new LinkedHashMap<>();
		rows.put("RestoreJ", Map.of("Restormer", Timing.measured(8.6, 8.4, 8.2), "AST_B", Timing.measured(5.0)));
		rows.put("PyTorch", Map.of("Restormer", Timing.measured(16.8, 17.0, 16.0), "AST_B", Timing.missing(
			"python3 has no PyTorch: pip install --no-index --no-deps torch")));
		return new ComparisonTable(List.of("Restormer", "AST_B"), rows, Map.of("Restormer", 323e9, "AST_B", 100e9),
			70);
	}

	@Test
	void medianOfTheRunsAndTheUpperOneOfAnEvenCount() {
		assertEquals(8.4, Timing.measured(8.6, 8.4, 8.2).median());
		assertEquals(3.0, Timing.measured(4, 1, 3, 2).median());
		assertTrue(Double.isNaN(Timing.missing("not run").median()));
	}

	@Test
	void aTimingHasRunsOrAReasonNotBoth() {
		assertThrows(IllegalArgumentException.class, () -> new Timing(new double[] { 1 }, "why"));
		assertThrows(IllegalArgumentException.class, () -> new Timing(new double[0], null));
	}

	@Test
	void ratiosAreTheAnchorsMedianOverRestoreJs() {
		final ComparisonTable t = table();
		assertEquals(2.0, t.speedup("PyTorch", "Restormer"), 1e-12);
		assertTrue(Double.isNaN(t.speedup("PyTorch", "AST_B")));
		assertEquals(323e9 / 70e9, t.floorSeconds("Restormer"), 1e-12);
	}

	@Test
	void formatPrintsTimesRatiosRateFloorAndWhyAnAnchorIsMissing() {
		final String text = table().format();
		final List<String> lines = text.lines().toList();
		assertEquals("|  | Restormer | AST_B |", lines.get(0));
		assertEquals("|---|---|---|", lines.get(1));
		assertEquals("| RestoreJ | 8.40 s | 5.00 s |", lines.get(2));
		assertEquals("| PyTorch | 16.80 s (RestoreJ 2.00x) | missing |", lines.get(3));
		assertEquals("| GFLOP per forward | 323.0 | 100.0 |", lines.get(4));
		// 323 GFLOP in 8.4 s = 38.5 GFLOP/s = 55 % of 70
		assertEquals("| RestoreJ GFLOP/s | 38.5 (55 %) | 20.0 (29 %) |", lines.get(5));
		assertEquals("| floor at the matmul rate | 4.61 s | 1.43 s |", lines.get(6));
		assertEquals("4096x4096 float32 matmul (TensorFlow): 70.0 GFLOP/s", lines.get(7));
		assertEquals("PyTorch, AST_B: missing: python3 has no PyTorch: pip install --no-index --no-deps torch", lines
			.get(8));
		assertEquals(9, lines.size());
	}

	@Test
	void withoutAMatmulRateThereIsNoFloor() {
		final ComparisonTable t = new ComparisonTable(List.of("Restormer"), Map.of("RestoreJ", Map.of("Restormer",
			Timing.measured(2))), Map.of("Restormer", 10e9), Double.NaN);
		final String text = t.format();
		assertTrue(text.contains("| RestoreJ GFLOP/s | 5.0 |"), text);
		assertTrue(!text.contains("floor"), text);
		assertTrue(text.contains("4096x4096 float32 matmul: not measured"), text);
	}
}
