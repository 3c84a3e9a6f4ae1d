package org.restorej.nn.ast;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.restorej.bench.NetworkBenchmark;

/**
 * Forward time of full-size AST_B on 1×256×256×3 with random weights: one warm-up run, then the median of
 * three. Opt-in: {@code -Drestorej.bench=true}; {@code -Drestorej.bench.size=S} changes the side,
 * {@code -Drestorej.bench.profile=true} also prints the traced time per op type.
 */
class AstBenchmarkTest {

	/** The traced kernel time per op type (ops overlap across threads, so the sum exceeds wall time). */
	private static void profile(final AstTestSupport.Model m, final float[] x, final int side) {
		try (org.tensorflow.types.TFloat32 in = org.tensorflow.types.TFloat32.tensorOf(org.tensorflow.ndarray.Shape
			.of(1, side, side, 3), org.tensorflow.ndarray.buffer.DataBuffers.of(x, true, false)))
		{
			NetworkBenchmark.profile(m.session, m.input, in, m.output).entrySet().stream().sorted((a, b) -> Double
				.compare(b.getValue(), a.getValue())).limit(25).forEach(e -> System.out.printf("  %-28s %8.3f s%n", e
					.getKey(), e.getValue()));
		}
	}

	@Test
	void astBForward256() {
		Assumptions.assumeTrue(Boolean.getBoolean("restorej.bench"), "benchmark not requested");
		final AstConfig config = AstConfig.astB(3);
		try (AstTestSupport.Model m = new AstTestSupport.Model(config)) {
			final Map<String, long[]> buffers = new LinkedHashMap<>();
			for (final WindowPlan.Block b : config.windowPlan().blocks())
				if (b.attention()) buffers.put(b.name() + ".attn.relative_position_index", new long[] { (long) b
					.window() * b.window(), (long) b.window() * b.window() });
			m.load(MapWeightSource.random(m.params, buffers, 1), "random");
			final int side = Integer.getInteger("restorej.bench.size", 256);
			final float[] x = new float[side * side * 3];
			final Random r = new Random(0);
			for (int i = 0; i < x.length; i++)
				x[i] = r.nextFloat();
			long t0 = System.nanoTime();
			m.run(x, 1, side, side);
			System.out.printf("AST_B %dx%d warm-up: %.2f s%n", side, side, (System.nanoTime() - t0) / 1e9);
			final double[] times = new double[3];
			for (int i = 0; i < times.length; i++) {
				t0 = System.nanoTime();
				m.run(x, 1, side, side);
				times[i] = (System.nanoTime() - t0) / 1e9;
			}
			System.out.printf("AST_B 1x%dx%dx3 forward: %s s, median %.2f s%n", side, side, Arrays.toString(times),
				Arrays.stream(times).sorted().toArray()[1]);
			if (Boolean.getBoolean("restorej.bench.profile")) profile(m, x, side);
		}
	}
}
