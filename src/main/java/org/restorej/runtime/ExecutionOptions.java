package org.restorej.runtime;

import org.restorej.RestoreJException;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * Where and how TensorFlow runs a model.
 *
 * @param device {@code cpu}, {@code gpu:N} or {@code auto} (a GPU if TensorFlow finds one, else CPU)
 * @param intraOpThreads threads inside one op (0: TensorFlow's choice, all cores)
 * @param interOpThreads ops run in parallel (0: TensorFlow's choice)
 * @param gpuMemoryGrowth allocate GPU memory as needed instead of all at start
 */
public record ExecutionOptions(String device, int intraOpThreads, int interOpThreads, boolean gpuMemoryGrowth) {

	public ExecutionOptions {
		device = device == null ? "cpu" : device.trim().toLowerCase();
		if (!device.equals("cpu") && !device.equals("auto") && !device.matches("gpu:\\d+"))
			throw new InvalidDeviceException(device);
		if (intraOpThreads < 0 || interOpThreads < 0)
			throw new IllegalArgumentException("thread counts must be >= 0");
	}

	/** The default: CPU, TensorFlow's own thread counts. */
	public static ExecutionOptions cpu() {
		return new ExecutionOptions("cpu", 0, 0, true);
	}

	/**
	 * The options for a user's thread setting: 0 leaves both pools to TensorFlow (all cores); N > 0 is a
	 * budget of N cores, so N threads inside an op and one op at a time. TensorFlow's inter-op pool would
	 * otherwise add as many threads again, and a "one-thread" executor would take more than its core.
	 */
	public static ExecutionOptions of(final String device, final int threads) {
		return new ExecutionOptions(device, threads, threads == 0 ? 0 : 1, true);
	}

	public ExecutionOptions withThreads(final int threads) {
		return new ExecutionOptions(device, threads, interOpThreads, gpuMemoryGrowth);
	}

	/** Index of the requested GPU, or -1 for {@code cpu} and {@code auto}. */
	public int gpuIndex() {
		return device.startsWith("gpu:") ? Integer.parseInt(device.substring(4)) : -1;
	}

	/** The TensorFlow session configuration for these options. */
	public ConfigProto toConfigProto() {
		final ConfigProto.Builder b = ConfigProto.newBuilder()
			.setIntraOpParallelismThreads(intraOpThreads)
			.setInterOpParallelismThreads(interOpThreads)
			// an op without a GPU kernel falls back to CPU instead of failing
			.setAllowSoftPlacement(true);
		if (device.equals("cpu")) {
			b.putDeviceCount("GPU", 0);
			// a CPU-only lever: GPU and auto sessions keep TensorFlow's defaults
			if (XlaCpuClustering.requested()) b.setGraphOptions(XlaCpuClustering.graphOptions());
		}
		else {
			final GPUOptions.Builder gpu = GPUOptions.newBuilder().setAllowGrowth(gpuMemoryGrowth);
			if (gpuIndex() >= 0) gpu.setVisibleDeviceList(Integer.toString(gpuIndex()));
			b.setGpuOptions(gpu);
		}
		return b.build();
	}

	/** A device string that is none of cpu, gpu:N, auto. */
	public static class InvalidDeviceException extends RestoreJException {
		public InvalidDeviceException(final String device) {
			super("Unknown device '" + device + "': use cpu, auto, or gpu:N (N = GPU index, e.g. gpu:0).");
		}
	}
}
