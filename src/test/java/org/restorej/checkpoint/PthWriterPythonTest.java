package org.restorej.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.restorej.checkpoint.PthWriterTest.floats;
import static org.restorej.checkpoint.PthWriterTest.isBuffer;
import static org.restorej.checkpoint.PthWriterTest.longs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.ExternalReaders;
import org.restorej.PythonRun;
import org.restorej.checkpoint.PthWriter.OrderedDict;
import org.restorej.checkpoint.PthWriter.Wrapper;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Written files as Python reads them: with {@code torch.load} itself (the default safe mode,
 * {@code weights_only=True}), and with {@code read_pth.py}, which loads them as {@code torch.load} does
 * (Python's pickle module with torch's persistent ids, numpy for storages, {@code zipfile} with CRC
 * checks) and also shows the zip layout torch needs. Each test asks {@link ExternalReaders} for what
 * it uses.
 */
class PthWriterPythonTest {

	/** torch.load's view of a file, in read_pth.py's form for the parts the checks read. */
	private static final String TORCH_LOAD = String.join("\n", //
		"import json, sys, torch", //
		"ck = torch.load(sys.argv[1], map_location='cpu', weights_only=True)", //
		"def tensor(t):", //
		"    return {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', ''), " +
			"'values': t.flatten().tolist()}", //
		"def pairs(d, value):", //
		"    return [[str(k), value(v)] for k, v in d.items()]", //
		"opt = ck['optimizer']", //
		"print(json.dumps({'type': type(ck['state_dict']).__name__, 'keys': list(ck.keys()), 'epoch': ck['epoch'], " +
			"'state_dict': pairs(ck['state_dict'], tensor), " +
			"'state': pairs(opt['state'], lambda s: dict(pairs(s, tensor))), " +
			"'lr': opt['param_groups'][0]['lr'], 'params': opt['param_groups'][0]['params']}))", "");

	@TempDir
	Path dir;

	private JsonObject readWithPython(final Path file) throws IOException, InterruptedException {
		final String python = ExternalReaders.python(ExternalReaders.NUMPY);
		final Path script = dir.resolve("read_pth.py");
		try (InputStream in = getClass().getResourceAsStream("read_pth.py")) {
			Files.write(script, in.readAllBytes());
		}
		return run(python, script, file);
	}

	private static JsonObject run(final String python, final Path script, final Path file) throws IOException,
		InterruptedException
	{
		final PythonRun.Result r = PythonRun.run(python, script.toString(), file.toString());
		assertEquals(0, r.exitCode(), r::describe);
		return JsonParser.parseString(r.out()).getAsJsonObject();
	}

	@Test
	void aTrainingCheckpointLoadsWithTorchInItsSafeMode() throws Exception {
		final String python = ExternalReaders.python(ExternalReaders.TORCH);
		final Map<String, long[]> shapes = PthWriterTest.shapes();
		final Path file = dir.resolve("model_best.pth");
		PthWriter.writeStateDict(file, PthWriterTest.stateDict(shapes, new ArrayList<>()), Wrapper.training(3,
			PthWriterTest.adamW(shapes)).withModulePrefix());
		final JsonObject torch = run(python, Files.writeString(dir.resolve("torch_load.py"), TORCH_LOAD), file);
		assertEquals(List.of("epoch", "state_dict", "optimizer"), torch.getAsJsonArray("keys").asList().stream().map(
			JsonElement::getAsString).toList());
		assertEquals("OrderedDict", torch.get("type").getAsString());
		assertEquals(3, torch.get("epoch").getAsInt());
		checkStateDict(shapes, pairs(torch.getAsJsonArray("state_dict")), "module.");
		final Map<String, JsonElement> state = pairs(torch.getAsJsonArray("state"));
		final List<String> params = shapes.keySet().stream().filter(k -> !isBuffer(k)).toList();
		assertEquals(params.size(), state.size());
		for (int i = 0; i < params.size(); i++) {
			final JsonObject s = state.get(Integer.toString(i)).getAsJsonObject();
			assertEquals(42.0, s.getAsJsonObject("step").getAsJsonArray("values").get(0).getAsDouble());
			final float[] w = floats(params.get(i), shapes.get(params.get(i)));
			final JsonArray avg = s.getAsJsonObject("exp_avg").getAsJsonArray("values");
			assertEquals(w.length, avg.size());
			for (int j = 0; j < w.length; j++)
				assertEquals(w[j] / 2, avg.get(j).getAsFloat());
		}
		assertEquals(2e-4, torch.get("lr").getAsDouble());
		assertEquals(params.size(), torch.getAsJsonArray("params").size());
	}

	@Test
	void aTrainingCheckpointLoadsInPython() throws Exception {
		final Map<String, long[]> shapes = PthWriterTest.shapes();
		final Path file = dir.resolve("model_best.pth");
		PthWriter.writeStateDict(file, PthWriterTest.stateDict(shapes, new ArrayList<>()), Wrapper.training(3,
			PthWriterTest.adamW(shapes)).withModulePrefix());
		final JsonObject py = readWithPython(file);
		assertEquals("3\n", py.get("version").getAsString());
		for (final JsonElement e : py.getAsJsonArray("layout")) {
			assertTrue(e.getAsJsonObject().get("stored").getAsBoolean(), e.toString());
			assertTrue(e.getAsJsonObject().get("aligned").getAsBoolean(), e.toString());
			assertTrue(e.getAsJsonObject().get("name").getAsString().startsWith("model_best/"), e.toString());
		}
		final Map<String, JsonElement> top = pairs(py.getAsJsonObject("top").getAsJsonArray("dict"));
		assertEquals(List.of("epoch", "state_dict", "optimizer"), List.copyOf(top.keySet()));
		assertEquals(3, top.get("epoch").getAsInt());
		checkStateDict(shapes, pairs(top.get("state_dict").getAsJsonObject().getAsJsonArray("OrderedDict")),
			"module.");
		final Map<String, JsonElement> optimizer = pairs(top.get("optimizer").getAsJsonObject().getAsJsonArray(
			"dict"));
		final Map<String, JsonElement> state = pairs(optimizer.get("state").getAsJsonObject().getAsJsonArray("dict"));
		final List<String> params = shapes.keySet().stream().filter(k -> !isBuffer(k)).toList();
		assertEquals(params.size(), state.size());
		for (int i = 0; i < params.size(); i++) {
			final Map<String, JsonElement> s = pairs(state.get(Integer.toString(i)).getAsJsonObject().getAsJsonArray(
				"dict"));
			final JsonObject step = s.get("step").getAsJsonObject();
			assertEquals("float32", step.get("dtype").getAsString());
			assertEquals(0, step.getAsJsonArray("shape").size());
			assertEquals(42.0, step.getAsJsonArray("values").get(0).getAsDouble());
			final float[] w = floats(params.get(i), shapes.get(params.get(i)));
			final JsonArray avg = s.get("exp_avg").getAsJsonObject().getAsJsonArray("values");
			final JsonArray sq = s.get("exp_avg_sq").getAsJsonObject().getAsJsonArray("values");
			for (int j = 0; j < w.length; j++) {
				assertEquals(w[j] / 2, avg.get(j).getAsFloat());
				assertEquals(w[j] * w[j], sq.get(j).getAsFloat());
			}
		}
		final JsonArray groups = optimizer.get("param_groups").getAsJsonArray();
		final Map<String, JsonElement> group = pairs(groups.get(0).getAsJsonObject().getAsJsonArray("dict"));
		assertEquals(2e-4, group.get("lr").getAsDouble());
		assertEquals(0.999, group.get("betas").getAsJsonObject().getAsJsonArray("tuple").get(1).getAsDouble());
		assertEquals(params.size(), group.get("params").getAsJsonArray().size());
		assertTrue(group.get("foreach").isJsonNull());
	}

	@Test
	void zip64LayoutAndMetadataLoadInPython() throws Exception {
		final Map<String, long[]> shapes = PthWriterTest.shapes();
		final Map<String, Integer> metadata = new LinkedHashMap<>();
		metadata.put("", 1);
		metadata.put("conv", 1);
		metadata.put("attn", 2);
		final Path file = dir.resolve("zip64.pth");
		PthWriter.write(file, "zip64", Map.of("params", new OrderedDict(PthWriterTest.stateDict(shapes,
			new ArrayList<>()), metadata)), 0);
		final JsonObject py = readWithPython(file);
		final JsonObject sd = pairs(py.getAsJsonObject("top").getAsJsonArray("dict")).get("params").getAsJsonObject();
		checkStateDict(shapes, pairs(sd.getAsJsonArray("OrderedDict")), "");
		final JsonObject md = sd.getAsJsonObject("metadata");
		assertEquals(List.of("", "conv", "attn"), List.copyOf(md.keySet()));
		assertEquals(2, md.getAsJsonObject("attn").get("version").getAsInt());
	}

	private static void checkStateDict(final Map<String, long[]> shapes, final Map<String, JsonElement> sd,
		final String prefix)
	{
		assertEquals(shapes.keySet().stream().map(k -> prefix + k).toList(), List.copyOf(sd.keySet()));
		shapes.forEach((key, shape) -> {
			final JsonObject t = sd.get(prefix + key).getAsJsonObject();
			final JsonArray dims = t.getAsJsonArray("shape");
			assertEquals(shape.length, dims.size(), key);
			for (int d = 0; d < shape.length; d++)
				assertEquals(shape[d], dims.get(d).getAsLong(), key);
			final JsonArray values = t.getAsJsonArray("values");
			if (isBuffer(key)) {
				assertEquals("int64", t.get("dtype").getAsString());
				final long[] expected = longs(shape);
				for (int i = 0; i < expected.length; i++)
					assertEquals((double) expected[i], values.get(i).getAsDouble(), key);
			}
			else {
				assertEquals("float32", t.get("dtype").getAsString());
				final float[] expected = floats(key, shape);
				assertEquals(expected.length, values.size(), key);
				for (int i = 0; i < expected.length; i++)
					assertEquals(expected[i], values.get(i).getAsFloat(), key);
			}
		});
	}

	/** A describe()d dict: [[key, value], ...] in order; keys as strings. */
	private static Map<String, JsonElement> pairs(final JsonArray items) {
		final Map<String, JsonElement> m = new LinkedHashMap<>();
		for (final JsonElement e : items)
			m.put(e.getAsJsonArray().get(0).getAsString(), e.getAsJsonArray().get(1));
		return m;
	}
}
