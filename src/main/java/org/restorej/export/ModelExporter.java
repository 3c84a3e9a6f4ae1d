package org.restorej.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.stream.Stream;

import org.restorej.RestoreJException;
import org.restorej.array.NhwcArray;
import org.restorej.io.Npy;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.nn.Layers;
import org.restorej.nn.NetworkConfig;
import org.restorej.nn.ParameterStore;
import org.restorej.nn.WeightSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Builds a network graph, fills it from checkpoint weights and writes a model folder: the SavedModel
 * ({@code serve} tag, {@code serving_default} signature, NHWC with dynamic batch, height and width), its
 * {@code model.json} and a test input with the output computed at export. The folder appears
 * complete or not at all: it is assembled under a temporary name and renamed.
 */
public final class ModelExporter {

	public static final String SAVED_MODEL_DIR = "saved_model";
	public static final String TEST_INPUT = "test_input.npy";
	public static final String TEST_OUTPUT = "test_output.npy";
	/** Agreement expected when re-running the test input: float32 sums in another order. */
	static final double TEST_TOLERANCE = 1e-4;

	private ModelExporter() {}

	/** Where the weights come from: a checkpoint file, or anything else with a name. */
	public record Origin(String name, Path checkpointFile, String preset) {}

	/**
	 * @param hint given the weights, a guess at the configuration they were made for (for error messages)
	 * @param overwrite replace an existing {@code outDir}
	 */
	public static ModelDescription export(final NetworkConfig config, final WeightSource weights,
		final Origin origin, final ModelCard card, final Path outDir, final boolean overwrite,
		final Function<WeightSource, String> hint) throws IOException
	{
		final Path target = outDir.toAbsolutePath().normalize();
		if (Files.exists(target) && !overwrite) throw new FileAlreadyExistsException(target.toString(), null,
			"the model folder exists; choose another -o or pass --overwrite");
		final Path partial = target.resolveSibling(target.getFileName() + ".partial");
		deleteRecursively(partial);
		Files.createDirectories(partial);
		try {
			final ModelDescription d = writeModel(config, weights, origin, card, partial, hint);
			deleteRecursively(target);
			Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
			return d;
		}
		finally {
			deleteRecursively(partial);
		}
	}

	private static ModelDescription writeModel(final NetworkConfig config, final WeightSource weights,
		final Origin origin, final ModelCard card, final Path dir, final Function<WeightSource, String> hint)
		throws IOException
	{
		try (Graph g = new Graph()) {
			final Ops tf = Ops.create(g);
			final ParameterStore params = new ParameterStore(tf);
			final Placeholder<TFloat32> input = tf.withName("input").placeholder(TFloat32.class,
				Placeholder.shape(Shape.of(-1, -1, -1, config.inputChannels())));
			final Operand<TFloat32> output = tf.withName("output").identity(config.build(new Layers(tf, params),
				input));
			try (Session session = new Session(g)) {
				params.load(weights, origin.name(), session, hint);
				SavedModelBundle.exporter(dir.resolve(SAVED_MODEL_DIR).toString())
					.withTags(SavedModelBundle.DEFAULT_TAG)
					.withFunction(SessionFunction.create(Signature.builder().key(Signature.DEFAULT_KEY)
						.input("input", input).output("output", output).build(), session))
					.export();
				final int side = Math.max(config.sizeRule().multiple(), 32);
				final NhwcArray testIn = TestImages.smooth(side, side, config.inputChannels(), 20261122L);
				final NhwcArray testOut = run(session, input, output, testIn);
				Npy.writeFloat32(dir.resolve(TEST_INPUT), testIn.nchwShape(), testIn.toNchw());
				Npy.writeFloat32(dir.resolve(TEST_OUTPUT), testOut.nchwShape(), testOut.toNchw());
			}
			final ModelDescription d = describe(config, origin, card, params.parameterCount());
			ModelDescriptions.write(d, dir);
			return d;
		}
	}

	private static ModelDescription describe(final NetworkConfig config, final Origin origin,
		final ModelCard card, final long parameters) throws IOException
	{
		final String sha = origin.checkpointFile() == null ? null : sha256(origin.checkpointFile());
		final String checkpoint = origin.checkpointFile() == null ? origin.name()
			: origin.checkpointFile().getFileName().toString();
		final boolean ast = config.architecture().equals("ast");
		return new ModelDescription(ModelDescription.FORMAT, card.name(), config.architecture(),
			config.officialArguments(), card.task(),
			new ModelDescription.Channels(config.inputChannels(), card.inputMeaning()),
			new ModelDescription.Channels(config.outputChannels(), card.outputMeaning()), card.valueRange(),
			new ModelDescription.Size(config.sizeRule().multiple(), config.sizeRule().square(),
				card.officialSizeHandling(), ast
					? "The official AST code only runs square inputs; this graph accepts any height and width " +
						"that are multiples of " + config.sizeRule().multiple() + "."
					: "Height and width must be multiples of " + config.sizeRule().multiple() + "."),
			card.tiling(),
			new ModelDescription.SavedModel(SAVED_MODEL_DIR, SavedModelBundle.DEFAULT_TAG, Signature.DEFAULT_KEY,
				"input", "output", "NHWC"),
			new ModelDescription.Source(checkpoint, sha, origin.preset(), parameters, "RestoreJ"),
			card.license(), new ModelDescription.TestData(TEST_INPUT, TEST_OUTPUT, TEST_TOLERANCE), card.normalization());
	}

	static NhwcArray run(final Session session, final Operand<TFloat32> input, final Operand<TFloat32> output,
		final NhwcArray in)
	{
		try (TFloat32 t = TFloat32.tensorOf(Shape.of(in.batch(), in.height(), in.width(), in.channels()),
			DataBuffers.of(in.data(), true, false)); Result r = session.runner().feed(input, t).fetch(output).run())
		{
			final TFloat32 o = (TFloat32) r.get(0);
			final float[] data = new float[Math.toIntExact(o.shape().size())];
			o.copyTo(DataBuffers.of(data, false, false));
			return new NhwcArray((int) o.shape().get(0), (int) o.shape().get(1), (int) o.shape().get(2),
				(int) o.shape().get(3), data);
		}
	}

	/** Hex SHA-256 of a file, streamed. */
	public static String sha256(final Path file) throws IOException {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance(
			"SHA-256")))
		{
			final byte[] buf = new byte[1 << 16];
			while (in.read(buf) >= 0) {
				// the digest stream hashes what passes through
			}
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (final NoSuchAlgorithmException e) {
			throw new RestoreJException("SHA-256 is not available in this Java runtime", e);
		}
	}

	public static void deleteRecursively(final Path p) throws IOException {
		if (!Files.exists(p)) return;
		try (Stream<Path> s = Files.walk(p)) {
			s.sorted(Comparator.reverseOrder()).forEach(f -> {
				try {
					Files.delete(f);
				}
				catch (final IOException e) {
					throw new UncheckedIOException(e);
				}
			});
		}
	}
}
