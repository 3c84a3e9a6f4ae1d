package org.restorej.engine.device;

import java.util.Optional;

import org.restorej.runtime.ExecutionOptions;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/**
 * Finds where TensorFlow actually runs a convolution under some execution options: a tiny graph is run
 * once in a session with the same configuration, traced, and the device that executed the conv node
 * is read from the step statistics. TensorFlow Java has no public call to list devices, and the
 * placer's choice, not the list, is what matters.
 */
public final class DeviceProbe {

	private static final String PROBE = "restorej_device_probe";

	private DeviceProbe() {}

	/**
	 * The device (e.g. {@code CPU:0}, {@code GPU:0}) that runs a convolution under {@code options}.
	 *
	 * @throws org.tensorflow.exceptions.TensorFlowException if no session can be made (e.g. a GPU index
	 *           that does not exist)
	 */
	public static String convolutionDevice(final ExecutionOptions options) {
		try (Graph g = new Graph(); Session s = new Session(g, options.toConfigProto())) {
			final Ops tf = Ops.create(g);
			final Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, 8, 8, 1)));
			final Operand<TFloat32> y = tf.withName(PROBE).nn.conv2d(x, tf.ones(tf.constant(new long[] { 3, 3, 1, 1 }),
				TFloat32.class), java.util.List.of(1L, 1L, 1L, 1L), "SAME");
			try (TFloat32 in = TFloat32.tensorOf(Shape.of(1, 8, 8, 1)); Result r = s.runner().feed(x, in).fetch(y)
				.setOptions(RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build())
				.runAndFetchMetadata())
			{
				return r.getMetadata().flatMap(DeviceProbe::deviceOfProbe).orElse("an unknown device");
			}
		}
	}

	private static Optional<String> deviceOfProbe(final RunMetadata metadata) {
		for (final DeviceStepStats d : metadata.getStepStats().getDevStatsList())
			for (final NodeExecStats n : d.getNodeStatsList())
				if (n.getNodeName().equals(PROBE) && !d.getDevice().contains("/stream")) return Optional.of(shortName(d
					.getDevice()));
		return Optional.empty();
	}

	/** {@code /job:localhost/replica:0/task:0/device:GPU:0} to {@code GPU:0}. */
	static String shortName(final String device) {
		final int i = device.lastIndexOf("device:");
		return i < 0 ? device : device.substring(i + "device:".length());
	}

	public static boolean isGpu(final String device) {
		return device.toUpperCase().startsWith("GPU");
	}
}
