package org.restorej.bench;
import org.junit.jupiter.api.*;
import org.restorej.nn.restormer.RestormerConfig;
class BenchDevTest {
	@Test void restormer() {
		System.out.println(NetworkBenchmark.run("Restormer", RestormerConfig.official(3, 3, RestormerConfig.LayerNormType.WITH_BIAS, false), 256, 256, 3, 0));
	}
}
