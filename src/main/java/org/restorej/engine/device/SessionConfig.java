package org.restorej.engine.device;

import org.restorej.runtime.ExecutionOptions;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * The TensorFlow session configuration for {@link ExecutionOptions}: the same mapping as
 * {@code ExecutionOptions.toConfigProto()}, which is package-private in {@code org.restorej.runtime};
 * a test checks that the two agree. (Once that method is public, this class can go.)
 */
final class SessionConfig {

	private SessionConfig() {}

	static ConfigProto of(final ExecutionOptions o) {
		final ConfigProto.Builder b = ConfigProto.newBuilder()
			.setIntraOpParallelismThreads(o.intraOpThreads())
			.setInterOpParallelismThreads(o.interOpThreads())
			.setAllowSoftPlacement(true);
		if (o.device().equals("cpu")) b.putDeviceCount("GPU", 0);
		else {
			final GPUOptions.Builder gpu = GPUOptions.newBuilder().setAllowGrowth(o.gpuMemoryGrowth());
			if (o.gpuIndex() >= 0) gpu.setVisibleDeviceList(Integer.toString(o.gpuIndex()));
			b.setGpuOptions(gpu);
		}
		return b.build();
	}
}
