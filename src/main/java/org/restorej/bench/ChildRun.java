package org.restorej.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

/**
 * Runs an anchor in a child process (a python or a JVM with another class path) and reads the one
 * {@code RESTOREJ-RESULT <json>} line it prints; the child's other output goes to our standard error.
 */
final class ChildRun {

	static final String MARK = "RESTOREJ-RESULT ";

	/** The result object, or a JSON object with {@code "missing"} saying why the child gave none. */
	static JsonObject run(final List<String> command, final Map<String, String> environment) {
		final ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
		pb.environment().putAll(environment);
		JsonObject result = null;
		final StringBuilder tail = new StringBuilder();
		try {
			final Process p = pb.start();
			try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
				StandardCharsets.UTF_8)))
			{
				for (String line; (line = r.readLine()) != null;) {
					if (line.startsWith(MARK)) result = new Gson().fromJson(line.substring(MARK.length()),
						JsonObject.class);
					else {
						tail.append(line).append('\n');
						if (tail.length() > 2000) tail.delete(0, tail.length() - 2000);
					}
				}
			}
			final int code = p.waitFor();
			if (result != null) return result;
			return missing(command.get(0) + " exited with " + code + " without a result; its last output:\n" + tail
				.toString().strip());
		}
		catch (final IOException e) {
			return missing("cannot start " + command.get(0) + ": " + e.getMessage());
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			return missing("interrupted");
		}
	}

	static JsonObject missing(final String why) {
		final JsonObject o = new JsonObject();
		o.addProperty("missing", why);
		return o;
	}

	/** The runs of a result, or its reason for missing. */
	static Timing timing(final JsonObject result) {
		if (result.has("missing")) return Timing.missing(result.get("missing").getAsString());
		final var array = result.getAsJsonArray("seconds");
		final double[] s = new double[array.size()];
		for (int i = 0; i < s.length; i++)
			s[i] = array.get(i).getAsDouble();
		return Timing.measured(s);
	}

	private ChildRun() {}
}
