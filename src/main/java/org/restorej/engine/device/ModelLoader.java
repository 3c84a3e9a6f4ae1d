package org.restorej.engine.device;

import java.nio.file.Path;
import java.util.Optional;

import org.restorej.engine.EngineLog;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;
import org.restorej.runtime.ModelRunException;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * Loads a model folder on the requested device, or on the CPU with a clear message when no GPU is
 * usable (the CPU build of the TensorFlow native library, CUDA 12.5 / cuDNN 9.3 missing, or no such
 * GPU), and logs the device that actually runs it.
 */
public final class ModelLoader {

	/** The device of a session that sees no GPU. */
	static final String CPU = "CPU:0";

	private ModelLoader() {}

	public static PlacedModel load(final Path modelDir, final ExecutionOptions requested, final EngineLog log) {
		final Placement p = place(requested);
		p.fallback().ifPresent(log::info);
		final LoadedModel model = LoadedModel.load(modelDir, p.options());
		log.info("Model " + model.description().name() + " runs on " + p.device() + " (requested: " +
			requested.device() + ")");
		return new PlacedModel(model, p.device(), p.fallback());
	}

	/** The options to load with, the device they give, and why that is not the requested one. */
	public record Placement(ExecutionOptions options, String device, Optional<String> fallback) {}

	/** Decides where to run, without loading a model. */
	public static Placement place(final ExecutionOptions requested) {
		// with no GPU visible TensorFlow has one device: no traced probe run (it cost ~1 s on the first load)
		if (requested.device().equals("cpu")) return new Placement(requested, CPU, Optional.empty());
		String reason;
		try {
			final String device = DeviceProbe.convolutionDevice(requested);
			if (DeviceProbe.isGpu(device)) return new Placement(requested, device, Optional.empty());
			reason = "TensorFlow found no usable GPU";
		}
		catch (final TensorFlowException e) {
			reason = "TensorFlow could not open " + requested.device() + " (" + ModelRunException.firstLine(e
				.getMessage()) + ")";
		}
		final ExecutionOptions cpu = new ExecutionOptions("cpu", requested.intraOpThreads(), requested
			.interOpThreads(), requested.gpuMemoryGrowth());
		final String message = requested.device().equals("auto")
			? "Device auto: " + reason + ", running on the CPU."
			: "Device " + requested.device() + " was requested, but " + reason + ": running on the CPU instead. " +
				"A GPU needs the GPU build of RestoreJ (TensorFlow native classifier linux-x86_64-gpu) with CUDA " +
				"12.5 and cuDNN 9.3 installed; check the GPU index with nvidia-smi.";
		return new Placement(cpu, CPU, Optional.of(message));
	}
}
