package org.restorej.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.restorej.runtime.ExecutionOptions;

/** The FLOP count bench --compare divides by, against a count by hand. */
class NetworkFlopsTest {

	@Test
	void aSmallConvNetCountsTwoFlopsPerMultiplyAddOfEachConvolution() {
		// 3 -> 16 -> 16 -> 16 -> 3 channels, four 3x3 convolutions with 'same' padding on 16x24 pixels
		final SmallConvNet net = new SmallConvNet(3, 3, 16, 4, 8);
		final double pixels = 16 * 24, taps = 9;
		final double byHand = 2 * pixels * taps * (3 * 16 + 16 * 16 + 16 * 16 + 16 * 3);
		final NetworkBenchmark.Figures f = NetworkBenchmark.run("small", net, 16, 24, 1, ExecutionOptions.cpu()
			.withThreads(1), false);
		assertEquals(byHand, f.flops());
		assertEquals(1, f.seconds().length);
	}
}
