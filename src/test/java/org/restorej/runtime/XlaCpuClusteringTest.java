package org.restorej.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.OptimizerOptions;

class XlaCpuClusteringTest {

	@AfterEach
	void off() {
		System.clearProperty("restorej.xla");
	}

	@Test
	void whenRequestedCpuSessionsAskForAutoClusteringAndGpuSessionsDoNot() {
		System.setProperty("restorej.xla", "on");
		assertTrue(XlaCpuClustering.requested());
		assertEquals(OptimizerOptions.GlobalJitLevel.ON_1, ExecutionOptions.cpu().toConfigProto().getGraphOptions()
			.getOptimizerOptions().getGlobalJitLevel());
		assertFalse(new ExecutionOptions("gpu:0", 0, 0, true).toConfigProto().hasGraphOptions());
		assertFalse(new ExecutionOptions("auto", 0, 0, true).toConfigProto().hasGraphOptions());
	}

	@Test
	void offUnlessRequested() {
		System.setProperty("restorej.xla", "off");
		assertFalse(XlaCpuClustering.requested());
		assertFalse(ExecutionOptions.cpu().toConfigProto().hasGraphOptions());
	}
}
