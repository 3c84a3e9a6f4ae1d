package org.restorej.nn.ast;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.restorej.ReferenceFixtures;
import org.restorej.checkpoint.PthCheckpoint;
import org.restorej.export.StateDictWeights;
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
import com.google.gson.JsonObject;

/**
 * Shared helpers of the AST tests: the AST configurations of the bundled reference fixtures
 * ({@code reference/ast/manifest.json}), the full-size AST_B listing ({@code reference/keys/ast_spad_keys.json}),
 * and a compiled model whose weights come from an official checkpoint through the real reader.
 */
final class AstTestSupport {

	private static List<ReferenceFixtures.Config> configs;
	private static JsonObject astB;

	private AstTestSupport() {}

	/** The AST configurations of the bundled subset (all four of the reference set). */
	static synchronized List<ReferenceFixtures.Config> configs() {
		if (configs == null) try {
			configs = ReferenceFixtures.configs(ReferenceFixtures.bundled()).stream().filter(c -> c.architecture()
				.equals("ast")).toList();
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return configs;
	}

	static ReferenceFixtures.Config config(final String name) {
		return configs().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
	}

	/** The key listing of the released SPAD model (AST_B): constructor arguments, block plan, keys. */
	static synchronized JsonObject astB() {
		if (astB == null) try {
			astB = ReferenceFixtures.readJson(astBKeyListing()).getAsJsonObject();
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return astB;
	}

	static Path astBKeyListing() {
		return ReferenceFixtures.bundled().resolve("keys/ast_spad_keys.json");
	}

	/** Constructor arguments as Gson gives them for a JSON object: numbers as Double, lists as ArrayList. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> arguments(final JsonObject constructorArgs) {
		return new Gson().fromJson(constructorArgs, LinkedHashMap.class);
	}

	static AstConfig astConfig(final String name) {
		return AstConfig.fromOfficialArguments(arguments(config(name).manifest().getAsJsonObject(
			"constructor_args")));
	}

	/** The official-format checkpoint of a configuration ({@code {'epoch', 'state_dict', 'optimizer'}}). */
	static Path checkpoint(final String name) {
		return config(name).dir().resolve("ckpt_official.pth");
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

		/** The configuration of the bundled fixtures called {@code name}, with its official checkpoint loaded. */
		static Model fixture(final String name) {
			return new Model(astConfig(name)).load(checkpoint(name));
		}

		Model load(final WeightSource source, final String name) {
			params.load(source, name, session, null);
			return this;
		}

		/** Loads the state dict of a checkpoint file (strict: keys and shapes must match both ways). */
		Model load(final Path checkpoint) {
			try (PthCheckpoint ckpt = PthCheckpoint.open(checkpoint)) {
				return load(new StateDictWeights(ckpt.stateDict()), checkpoint.toString());
			}
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
