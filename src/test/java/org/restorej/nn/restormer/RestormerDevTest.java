package org.restorej.nn.restormer;

import java.nio.file.*;
import java.util.*;
import java.util.stream.*;
import org.junit.jupiter.api.*;
import org.restorej.io.*;
import org.restorej.nn.*;
import org.tensorflow.*;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import com.google.gson.*;

class RestormerDevTest {
	@Test
	void dev() throws Exception {
		Path root = Paths.get("/work/shared/reference/restormer");
		JsonObject m = JsonParser.parseString(Files.readString(root.resolve("manifest.json"))).getAsJsonObject();
		for (JsonElement ce : m.getAsJsonArray("configs")) {
			JsonObject cfg = ce.getAsJsonObject();
			String dir = cfg.get("dir").getAsString();
			Map<String, Object> args = new Gson().fromJson(cfg.get("constructor_args"), Map.class);
			RestormerConfig rc = RestormerConfig.fromOfficialArguments(args);
			Path wdir = Paths.get("/tmp/pth2npy/restormer", dir);
			WeightSource ws = new WeightSource() {
				public Set<String> keys() { try (Stream<Path> s = Files.list(wdir)) { return s.map(p -> p.getFileName().toString().replaceAll("\\.npy$", "")).collect(Collectors.toCollection(TreeSet::new)); } catch (Exception e) { throw new RuntimeException(e);} }
				public long[] shape(String k) { try { Path p = wdir.resolve(k + ".npy"); return Files.exists(p) ? Npy.read(p).shape() : null; } catch (Exception e) { throw new RuntimeException(e);} }
				public float[] read(String k) { try { return Npy.read(wdir.resolve(k + ".npy")).floats(); } catch (Exception e) { throw new RuntimeException(e);} }
			};
			try (Graph g = new Graph()) {
				Ops tf = Ops.create(g);
				ParameterStore ps = new ParameterStore(tf);
				Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, rc.inputChannels())));
				Operand<TFloat32> y = rc.build(new Layers(tf, ps), x);
				try (Session s = new Session(g)) {
					ps.load(ws, dir, s, null);
					System.out.println(dir + " params " + ps.parameterCount() + " expected " + cfg.get("param_count"));
					for (JsonElement ke : cfg.getAsJsonArray("cases")) {
						JsonObject cs = ke.getAsJsonObject();
						String in = cs.has("model_input_file") ? cs.get("model_input_file").getAsString() : cs.get("input_file").getAsString();
						NpyArray a = Npy.read(root.resolve(dir).resolve(in));
						int C = a.dim(1), H = a.dim(2), W = a.dim(3);
						float[] nhwc = new float[C * H * W];
						float[] src = a.floats();
						for (int c = 0; c < C; c++) for (int i = 0; i < H * W; i++) nhwc[i * C + c] = src[c * H * W + i];
						try (TFloat32 t = TFloat32.tensorOf(Shape.of(1, H, W, C), DataBuffers.of(nhwc, true, false));
							Result r = s.runner().feed(x, t).fetch(y).run()) {
							TFloat32 o = (TFloat32) r.get(0);
							int OC = (int) o.shape().get(3);
							float[] out = new float[(int) o.shape().size()];
							o.copyTo(DataBuffers.of(out, false, false));
							String ref = cs.has("model_input_file") ? null : cs.get("output_f64_file").getAsString();
							double[] refv;
							if (ref != null) refv = Npy.read(root.resolve(dir).resolve(ref)).values();
							else { refv = Npy.read(root.resolve(dir).resolve(cs.get("model_output_uncropped_f32_file").getAsString())).values(); }
							double maxAbs = 0, num = 0, den = 0;
							for (int c = 0; c < OC; c++) for (int i = 0; i < H * W; i++) {
								double dd = out[i * OC + c] - refv[c * H * W + i];
								maxAbs = Math.max(maxAbs, Math.abs(dd)); num += dd * dd; den += refv[c * H * W + i] * refv[c * H * W + i];
							}
							System.out.println("  " + cs.get("name") + " maxAbs " + maxAbs + " relL2 " + Math.sqrt(num / den));
						}
					}
				}
			}
		}
	}
}
