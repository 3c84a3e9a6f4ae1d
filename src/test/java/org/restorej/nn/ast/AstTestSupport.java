package org.restorej.nn.ast;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.restorej.io.Npy;
import org.restorej.io.NpyArray;
import org.restorej.nn.Layers;
import org.restorej.nn.ParameterStore;
import org.restorej.nn.WeightSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Shared helpers of the AST tests: the fixture description ({@code fixtures.json}, trimmed from
 * {@code reference/ast/manifest.json} plus the AST_B block plan of {@code reference/keys/ast_spad_keys.json}),
 * file lookup (test resources first, then the full reference folder given by the system property
 * {@code restorej.reference.dir}, default {@code /work/shared/reference}), and a compiled model.
 */
final class AstTestSupport {

	static final Path RESOURCES;
	static final Path SHARED = Path.of(System.getProperty("restorej.reference.dir", "/work/shared/reference"))
		.resolve("ast");

	static {
		try {
			RESOURCES = Path.of(AstTestSupport.class.getResource("/org/restorej/nn/ast/fixtures.json").toURI())
				.getParent();
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	private static JsonObject fixtures;

	private AstTestSupport() {}

	static synchronized JsonObject fixtures() {
		if (fixtures == null) try (Reader r = Files.newBufferedReader(RESOURCES.resolve("fixtures.json"))) {
			fixtures = JsonParser.parseReader(r).getAsJsonObject();
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return fixtures;
	}

	static List<JsonObject> configs() {
		return stream(fixtures().getAsJsonArray("configs")).map(JsonElement::getAsJsonObject).toList();
	}

	static JsonObject config(final String name) {
		return configs().stream().filter(c -> c.get("name").getAsString().equals(name)).findFirst().orElseThrow();
	}

	/** Constructor arguments as Gson gives them for a JSON object: numbers as Double, lists as ArrayList. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> arguments(final JsonObject constructorArgs) {
		return new Gson().fromJson(constructorArgs, LinkedHashMap.class);
	}

	static AstConfig astConfig(final String name) {
		return AstConfig.fromOfficialArguments(arguments(config(name).getAsJsonObject("constructor_args")));
	}

	static WeightSource weights(final String name) {
		return new NpyDirectoryWeightSource(RESOURCES.resolve(name).resolve("weights"));
	}

	/** A fixture file from the test resources or else the reference folder; null if neither has it. */
	static Path file(final String config, final String file) {
		for (final Path root : List.of(RESOURCES, SHARED)) {
			final Path p = root.resolve(config).resolve(file);
			if (Files.isRegularFile(p)) return p;
		}
		return null;
	}

	static NpyArray read(final Path p) {
		try {
			return Npy.read(p);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static java.util.stream.Stream<JsonElement> stream(final JsonArray a) {
		return java.util.stream.StreamSupport.stream(a.spliterator(), false);
	}

	static int[] ints(final JsonArray a) {
		return stream(a).mapToInt(JsonElement::getAsInt).toArray();
	}

	// ---- layout conversion and metrics

	static float[] nchwToNhwc(final double[] v, final int n, final int c, final int h, final int w) {
		final float[] out = new float[v.length];
		for (int b = 0; b < n; b++)
			for (int ch = 0; ch < c; ch++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++)
						out[((b * h + y) * w + x) * c + ch] = (float) v[((b * c + ch) * h + y) * w + x];
		return out;
	}

	static double[] nhwcToNchw(final float[] v, final int n, final int c, final int h, final int w) {
		final double[] out = new double[v.length];
		for (int b = 0; b < n; b++)
			for (int ch = 0; ch < c; ch++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++)
						out[((b * c + ch) * h + y) * w + x] = v[((b * h + y) * w + x) * c + ch];
		return out;
	}

	static double maxAbs(final double[] a, final double[] ref) {
		double m = 0;
		for (int i = 0; i < a.length; i++)
			m = Math.max(m, Math.abs(a[i] - ref[i]));
		return m;
	}

	static double relL2(final double[] a, final double[] ref) {
		double num = 0, den = 0;
		for (int i = 0; i < a.length; i++) {
			num += (a[i] - ref[i]) * (a[i] - ref[i]);
			den += ref[i] * ref[i];
		}
		return Math.sqrt(num / den);
	}

	/** A graph of one configuration with loaded weights, run on NHWC float arrays. */
	static final class Model implements AutoCloseable {

		final AstConfig config;
		final Graph graph = new Graph();
		final ParameterStore params;
		final Placeholder<TFloat32> input;
		final Operand<TFloat32> output;
		final Session session;

		Model(final AstConfig config) {
			this.config = config;
			final Ops tf = Ops.create(graph);
			params = new ParameterStore(tf);
			input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, config.inputChannels())));
			output = config.build(new Layers(tf, params), input);
			session = new Session(graph);
		}

		Model load(final WeightSource source, final String name) {
			params.load(source, name, session, null);
			return this;
		}

		/** Runs an NHWC batch; returns the NHWC output (its shape is n, h, w, outputChannels). */
		float[] run(final float[] nhwc, final int n, final int h, final int w) {
			try (TFloat32 x = TFloat32.tensorOf(Shape.of(n, h, w, config.inputChannels()), DataBuffers.of(nhwc,
				true, false)); Result r = session.runner().feed(input, x).fetch(output).run())
			{
				final TFloat32 y = (TFloat32) r.get(0);
				final long[] s = y.shape().asArray();
				if (s[0] != n || s[1] != h || s[2] != w || s[3] != config.outputChannels())
					throw new AssertionError("output shape " + y.shape());
				final float[] out = new float[Math.toIntExact(y.shape().size())];
				y.copyTo(DataBuffers.of(out, false, false));
				return out;
			}
		}

		@Override
		public void close() {
			session.close();
			graph.close();
		}
	}
}
