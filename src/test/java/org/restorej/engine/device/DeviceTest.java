package org.restorej.engine.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.tensorflow.exceptions.TensorFlowException;

/**
 * The CPU path, the GPU path where TensorFlow sees the requested GPU, and the fallback with its message where it
 * does not (the CPU build, or no such GPU).
 */
class DeviceTest {

	/** Where TensorFlow places a convolution for {@code device} ("gpu:0"), asked independently of the loader. */
	private static boolean tensorFlowSeesA(final String device) {
		try {
			return DeviceProbe.isGpu(DeviceProbe.convolutionDevice(new ExecutionOptions(device, 0, 0, true)));
		}
		catch (final TensorFlowException e) {
			return false;
		}
	}

	@Test
	void cpuRunsOnTheCpu() {
		final ModelLoader.Placement p = ModelLoader.place(ExecutionOptions.cpu());
		assertEquals("CPU:0", p.device());
		assertTrue(p.fallback().isEmpty());
	}

	@Test
	void aRequestedGpuRunsThereWhenTensorFlowSeesIt() {
		assumeTrue(tensorFlowSeesA("gpu:0"), "TensorFlow sees no GPU here");
		final ModelLoader.Placement p = ModelLoader.place(new ExecutionOptions("gpu:0", 0, 0, true));
		assertEquals("GPU:0", p.device());
		assertEquals("gpu:0", p.options().device());
		assertTrue(p.fallback().isEmpty());
	}

	@Test
	void aRequestedGpuThatIsNotThereFallsBackToTheCpuWithAClearMessage() {
		assumeFalse(tensorFlowSeesA("gpu:0"), "TensorFlow sees a GPU here");
		final ModelLoader.Placement p = ModelLoader.place(new ExecutionOptions("gpu:0", 0, 0, true));
		assertEquals("CPU:0", p.device());
		assertEquals("cpu", p.options().device());
		final String message = p.fallback().orElseThrow();
		assertTrue(message.contains("gpu:0") && message.contains("running on the CPU") && message.contains("CUDA 12.5"),
			message);
	}

	@Test
	void autoUsesTheGpuWhenThereIsOne() {
		assumeTrue(tensorFlowSeesA("auto"), "TensorFlow sees no GPU here");
		final ModelLoader.Placement p = ModelLoader.place(new ExecutionOptions("auto", 0, 0, true));
		assertTrue(DeviceProbe.isGpu(p.device()), p.device());
		assertTrue(p.fallback().isEmpty());
	}

	@Test
	void autoUsesTheCpuWhenThereIsNoGpu() {
		assumeFalse(tensorFlowSeesA("auto"), "TensorFlow sees a GPU here");
		final ModelLoader.Placement p = ModelLoader.place(new ExecutionOptions("auto", 0, 0, true));
		assertEquals("CPU:0", p.device());
		assertTrue(p.fallback().orElseThrow().startsWith("Device auto"));
	}

	@Test
	void theLogNamesTheDeviceThatRuns(@TempDir final Path dir) throws Exception {
		assumeFalse(tensorFlowSeesA("gpu:1"), "TensorFlow sees a second GPU here");
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
