package org.restorej.engine.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.bench.RandomNetworks;
import org.restorej.bench.SmallConvNet;
import org.restorej.model.ModelDescription;
import org.restorej.runtime.ExecutionOptions;

/** No machine here has a GPU: the CPU path, and the fallback when a GPU is asked for. */
class DeviceTest {

	@Test
	void cpuRunsOnTheCpu() {
		final ModelLoader.Placement p = ModelLoader.place(ExecutionOptions.cpu());
		assertEquals("CPU:0", p.device());
		assertTrue(p.fallback().isEmpty());
	}

	@Test
	void aRequestedGpuThatIsNotThereFallsBackToTheCpuWithAClearMessage() {
		final ModelLoader.Placement p = ModelLoader.place(new ExecutionOptions("gpu:0", 0, 0, true));
		assertEquals("CPU:0", p.device());
		assertEquals("cpu", p.options().device());
		final String message = p.fallback().orElseThrow();
		assertTrue(message.contains("gpu:0") && message.contains("running on the CPU") && message.contains("CUDA 12.5"),
			message);
	}

	@Test
	void autoUsesTheCpuWhenThereIsNoGpu() {
		final ModelLoader.Placement p = ModelLoader.place(new ExecutionOptions("auto", 0, 0, true));
		assertEquals("CPU:0", p.device());
		assertTrue(p.fallback().orElseThrow().startsWith("Device auto"));
	}

	@Test
	void theLogNamesTheDeviceThatRuns(@TempDir final Path dir) throws Exception {
		final Path folder = RandomNetworks.export(new SmallConvNet(1, 1, 4, 2, 8), 1, "tiny", new ModelDescription.Tiling(
			64, 8), dir.resolve("tiny"));
		final List<String> log = new ArrayList<>();
		try (PlacedModel m = ModelLoader.load(folder, new ExecutionOptions("gpu:1", 1, 1, true), log::add)) {
			assertEquals("CPU:0", m.device());
			assertTrue(m.fallback().isPresent());
		}
		assertTrue(log.stream().anyMatch(l -> l.contains("gpu:1 was requested")), String.join("\n", log));
		assertTrue(log.stream().anyMatch(l -> l.equals("Model tiny runs on CPU:0 (requested: gpu:1)")), String.join(
			"\n", log));
		assertTrue(Files.isDirectory(folder));
	}

}
