package org.restorej.nn.ast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Inputs with H ≠ W (which the official code cannot run) go through the graph: the output has the input's
 * size, is finite, and a batch of two gives the same as the two images alone (windows, shift masks and the
 * batch axis do not mix). Config a has shifted blocks in decoder layer 3, config b in the bottleneck and
 * decoder layer 0. The weights are those of the configurations' official checkpoints.
 */
class AstNonSquareTest {

	@Test
	void wideAndTallInputsWithShiftedBlocks() {
		for (final String name : new String[] { "a_frfn_img128", "b_frfn_img256_bottleneck_shift" })
			try (AstTestSupport.Model m = AstTestSupport.Model.fixture(name)) {
				check(m, 128, 256);
				check(m, 384, 128);
			}
	}

	private static void check(final AstTestSupport.Model m, final int h, final int w) {
		assertTrue(m.config.sizeRule().accepts(h, w));
		final int c = m.config.inputChannels();
		final int size = h * w * c;
		final Random r = new Random(h * 31L + w);
		final float[] two = new float[2 * size];
		for (int i = 0; i < two.length; i++)
			two[i] = 0.02f + 0.96f * r.nextFloat();
		final float[] both = m.run(two, 2, h, w);
		assertEquals(2L * h * w * m.config.outputChannels(), both.length);
		for (final float v : both)
			assertTrue(Float.isFinite(v));
		final int outSize = h * w * m.config.outputChannels();
		for (int b = 0; b < 2; b++) {
			final float[] one = new float[size];
			System.arraycopy(two, b * size, one, 0, size);
			final float[] alone = m.run(one, 1, h, w);
			double maxDiff = 0;
			for (int i = 0; i < outSize; i++)
				maxDiff = Math.max(maxDiff, Math.abs(alone[i] - both[b * outSize + i]));
			assertTrue(maxDiff < 1e-5, h + "x" + w + " image " + b + ": batch vs single differ by " + maxDiff);
		}
	}
}
