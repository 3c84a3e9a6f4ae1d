package org.restorej.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import org.restorej.model.ModelDescriptions;
import org.restorej.nn.NetworkConfig;

import com.google.gson.JsonObject;

/**
 * The official network code run by a python with PyTorch: the anchor RestoreJ's speed is compared with.
 * The code is the user's (a folder holding {@code Restormer/} from github.com/swz30/Restormer and
 * {@code AST/} from github.com/joshyZhou/AST); RestoreJ only brings the timing script, written out at run
 * time.
 *
 * @param python the interpreter ({@code python3} for the PyTorch wheel, {@code /usr/bin/python3} for
 *   Debian's PyTorch, which can export ONNX)
 * @param anchors the folder with the official code, or {@code null} when not given
 */
public record OfficialCode(String python, Path anchors) {

	static final String NO_FOLDER = "no official code: give --anchors DIR, a folder holding Restormer/ " +
		"(github.com/swz30/Restormer) and AST/ (github.com/joshyZhou/AST)";

	/** Why this anchor cannot run at all ({@code null} when it can try). */
	public String unavailable() {
		if (anchors == null) return NO_FOLDER;
		if (!Files.isDirectory(anchors)) return "the --anchors folder " + anchors + " does not exist; " + NO_FOLDER
			.substring(NO_FOLDER.indexOf("give"));
		return null;
	}

	/** Forward times of the official code for {@code network} (the official constructor's arguments). */
	public Timing time(final NetworkConfig network, final int size, final int runs, final int threads) {
		final String why = unavailable();
		if (why != null) return Timing.missing(why);
		return ChildRun.timing(explain(ChildRun.run(command(network, size, runs, threads, null), threadEnv(threads))));
	}

	/** Exports the official network to ONNX (opset 17) at {@code file}, or says why not. */
	public JsonObject exportOnnx(final NetworkConfig network, final int size, final Path file) {
		final String why = unavailable();
		if (why != null) return ChildRun.missing(why);
		return explain(ChildRun.run(command(network, size, 0, 2, file), Map.of()));
	}

	private List<String> command(final NetworkConfig network, final int size, final int runs, final int threads,
		final Path onnx)
	{
		final List<String> c = new java.util.ArrayList<>(List.of(python, script().toString(), "--anchors", anchors
			.toString(), "--arch", network.architecture(), "--kwargs", ModelDescriptions.toJson(network
				.officialArguments()).replaceAll("\\s+", ""), "--size", Integer.toString(size), "--runs", Integer
					.toString(Math.max(runs, 1)), "--threads", Integer.toString(threads)));
		if (onnx != null) c.addAll(List.of("--onnx", onnx.toString()));
		return c;
	}

	private static Map<String, String> threadEnv(final int threads) {
		return Map.of("OMP_NUM_THREADS", Integer.toString(threads), "MKL_NUM_THREADS", Integer.toString(threads));
	}

	/** Turns a child's failure to import torch or einops into the command that fixes it. */
	private JsonObject explain(final JsonObject result) {
		if (!result.has("missing")) return result;
		final String m = result.get("missing").getAsString();
		if (m.contains("No module named 'torch'")) return ChildRun.missing(python + " has no PyTorch: " + (python
			.startsWith("/usr/bin/") ? "apt-get install python3-torch" : "pip install --no-index --no-deps torch"));
		if (m.contains("No module named 'einops'")) return ChildRun.missing(python + " has no einops (the official " +
			"code imports it): " + python + " -m pip install --no-deps einops" + (python.startsWith("/usr/bin/")
				? " --break-system-packages" : ""));
		return result;
	}

	private static Path script() {
		try (InputStream in = OfficialCode.class.getResourceAsStream("official_forward.py")) {
			final Path f = Files.createTempFile("restorej-official-forward", ".py");
			f.toFile().deleteOnExit();
			Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
			return f;
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
