package org.restorej.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

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
		// a batch of 3 images per forward: three times the work, the time per image reported beside
		final NetworkBenchmark.Figures three = NetworkBenchmark.run("small", net, 3, 16, 24, 1, ExecutionOptions.cpu()
			.withThreads(1), false);
		assertEquals(3 * byHand, three.flops());
		assertEquals(three.medianSeconds() / 3, three.secondsPerImage(), 1e-12);
		assertTrue(three.toString().contains("small 3 x 16x24"), three.toString());
	}

	@Test
	void theProfileSaysHowFastTheMatrixProductsAloneWouldMakeTheNetwork() {
		// 1 s per forward for 100 GFLOP, of which the products took 0.6 of the 0.8 s traced: 100 / 0.75
		final NetworkBenchmark.Figures f = new NetworkBenchmark.Figures("n", 1, 8, 8, 1, 1.0, new double[] { 1.0 },
			100e9, Map.of("_MklNativeFusedMatMul", 0.4, "BatchMatMulV3", 0.1, "_MklNativeConv2D", 0.1, "Mul", 0.1,
				"_MklNativeFusedDepthwiseConv2dNative", 0.1));
		assertEquals(0.75, f.matrixProductShare(), 1e-12);
		assertEquals(100 / 0.75, f.gflopsPerSecondWithoutOtherOps(), 1e-9);
		assertTrue(f.toString().contains("75.0% of the traced time"), f.toString());
		assertFalse(NetworkBenchmark.isMatrixProduct("DepthwiseConv2dNative"));
	}
}
