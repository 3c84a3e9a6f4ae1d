// RestoreJ's ONNX Runtime anchor, run by `restorej bench --compare` as a single-file program in a child
// JVM whose class path holds only onnxruntime (a benchmark-only dependency, never in RestoreJ's jar).
// Arguments: model.onnx channels size runs threads. Prints "RESTOREJ-RESULT {"seconds":[...]}".
import java.nio.FloatBuffer;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

public class OnnxRuntimeForward {
	public static void main(final String[] args) throws Exception {
		final String model = args[0];
		final int channels = Integer.parseInt(args[1]), size = Integer.parseInt(args[2]),
			runs = Integer.parseInt(args[3]), threads = Integer.parseInt(args[4]);
		final OrtEnvironment env = OrtEnvironment.getEnvironment();
		try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
			o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
			o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
			o.setIntraOpNumThreads(threads);
			o.setInterOpNumThreads(1);
			try (OrtSession s = env.createSession(model, o)) {
				final float[] data = new float[channels * size * size];
				for (int i = 0; i < data.length; i++)
					data[i] = (float) (0.5 + 0.4 * Math.sin(i * 0.001));
				final String input = s.getInputNames().iterator().next();
				try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), new long[] { 1, channels, size,
					size }))
				{
					s.run(Map.of(input, x)).close(); // warm-up
					final StringBuilder sb = new StringBuilder();
					for (int r = 0; r < runs; r++) {
						final long t0 = System.nanoTime();
						s.run(Map.of(input, x)).close();
						sb.append(r == 0 ? "" : ",").append((System.nanoTime() - t0) / 1e9);
					}
					System.out.println("RESTOREJ-RESULT {\"seconds\":[" + sb + "],\"runtime\":\"onnxruntime " + env
						.getVersion() + "\"}");
				}
			}
		}
	}
}
