package org.restorej.nn.ast;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Forward time of full-size AST_B on 1×256×256×3 with random weights: one warm-up run, then the median of
 * three. Opt-in: {@code -Drestorej.benchmark=true}.
 */
class AstBenchmarkTest {

	@Test
	void astBForward256() {
		Assumptions.assumeTrue(Boolean.getBoolean("restorej.benchmark"), "benchmark not requested");
		final AstConfig config = AstConfig.astB(3);
		try (AstTestSupport.Model m = new AstTestSupport.Model(config)) {
			final Map<String, long[]> buffers = new LinkedHashMap<>();
			for (final WindowPlan.Block b : config.windowPlan().blocks())
				if (b.attention()) buffers.put(b.name() + ".attn.relative_position_index", new long[] { (long) b
					.window() * b.window(), (long) b.window() * b.window() });
			m.load(MapWeightSource.random(m.params, buffers, 1), "random");
			final int side = Integer.getInteger("restorej.benchmark.size", 256);
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
		}
	}
}
