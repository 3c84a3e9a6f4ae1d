package org.restorej.bioimageio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.restorej.array.NhwcArray;
import org.restorej.engine.normalize.Affine;
import org.restorej.engine.normalize.ArrayNormalization;
import org.restorej.export.ModelExporter;
import org.restorej.io.Npy;
import org.restorej.io.NpyArray;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;

/**
 * An unpacked bioimage.io package as a RestoreJ model folder: {@code model.json} from the description, the
 * SavedModel unzipped, and the package's test tensors mapped into the network's values (through the same
 * normalisation the engine applies) so that {@code verify} checks them. Everything RestoreJ cannot run is
 * refused before anything is written, with every such feature named.
 */
final class PackageImport {

	/** The agreement {@code verify} expects, in the network's values (RestoreJ's own exports use the same). */
	static final double TOLERANCE = 1e-4;

	private final Path root, where;
	private final Map<String, Object> rdf;
	private final List<String> unsupported = new ArrayList<>();

	private PackageImport(final Path root, final Path where) {
		this.root = root.toAbsolutePath().normalize();
		this.where = where;
		this.rdf = Rdf.read(descriptionFile(root, where), where);
	}

	static Path descriptionFile(final Path root, final Path where) {
		for (final String name : Rdf.FILE_NAMES)
			if (Files.isRegularFile(root.resolve(name))) return root.resolve(name);
		throw new InvalidPackageException(where, "it has no " + Rdf.FILE_NAME + " at its top");
	}

	/**
	 * Writes the model folder {@code modelDir} (which must not exist) for the package unpacked at {@code root}.
	 *
	 * @param where the package as the user named it, for messages
	 * @param sha256 the package's checksum, recorded as the model's source
	 * @param limits what unpacking the weights may still write (the package itself counts against the same)
	 */
	static ModelDescription convert(final Path root, final Path where, final String sha256, final Path modelDir,
		final SafeZip.Limits limits) throws IOException
	{
		return new PackageImport(root, where).write(sha256, modelDir, limits);
	}

	private ModelDescription write(final String sha256, final Path modelDir, final SafeZip.Limits limits)
		throws IOException
	{
		if (!"model".equals(rdf.get("type"))) throw new InvalidPackageException(where, "its type is " + rdf.get("type") +
			", not model");
		final String version = String.valueOf(rdf.get("format_version"));
		if (!version.startsWith("0.5.")) unsupported.add("format_version " + version + " (RestoreJ reads 0.5.x; " +
			"bioimageio.spec converts older descriptions)");
		final List<Map<String, Object>> inputs = maps(rdf.get("inputs"), "inputs");
		final List<Map<String, Object>> outputs = maps(rdf.get("outputs"), "outputs");
		if (inputs.size() != 1) unsupported.add(inputs.size() + " inputs (RestoreJ runs models with one)");
		if (outputs.size() != 1) unsupported.add(outputs.size() + " outputs (RestoreJ runs models with one)");
		final Map<String, Object> weights = map(rdf.get("weights"), "weights");
		final Map<String, Object> tf = weights.get("tensorflow_saved_model_bundle") instanceof Map<?, ?> m ? cast(m)
			: null;
		if (tf == null) unsupported.add("weights only as " + weights.keySet() + " (RestoreJ runs " +
			"tensorflow_saved_model_bundle)");
		if (!unsupported.isEmpty()) throw new UnsupportedPackageException(where, unsupported);
		final Map<String, Object> input = inputs.get(0), output = outputs.get(0);
		final String inputId = String.valueOf(input.getOrDefault("id", "input"));
		final String outputId = String.valueOf(output.getOrDefault("id", "output"));
		final TensorAxes in = TensorAxes.input(maps(input.get("axes"), "inputs[0].axes"), unsupported, where);
		final TensorAxes out = TensorAxes.output(maps(output.get("axes"), "outputs[0].axes"), inputId, in, unsupported, where);
		checkData(input, "input");
		checkData(output, "output");
		if (!unsupported.isEmpty()) throw new UnsupportedPackageException(where, unsupported);
		final ProcessingReader.Declared declared = declared(input, output, in, inputId);
		// what the package's test output is: in the input's units if its steps map back, else the network's
		final boolean testOutputMappedBack = NormalizationSteps.mapsBack(steps(output.get("postprocessing"),
			"postprocessing"));
		if (!unsupported.isEmpty()) throw new UnsupportedPackageException(where, unsupported);
		final Path weightsZip = file(tf, "weights.tensorflow_saved_model_bundle");
		final Path testIn = file(testTensor(input, "input"), "inputs[0].test_tensor");
		final Path testOut = file(testTensor(output, "output"), "outputs[0].test_tensor");
		final List<?> attachments = rdf.get("attachments") instanceof List<?> l ? l : List.of();
		for (int i = 0; i < attachments.size(); i++)
			if (attachments.get(i) instanceof Map<?, ?> m) file(cast(m), "attachments[" + i + "]");
		final Path partial = modelDir.resolveSibling(modelDir.getFileName() + ".partial");
		ModelExporter.deleteRecursively(partial);
		try {
			SafeZip.extract(weightsZip, where.resolve(root.relativize(weightsZip)), partial.resolve(
				ModelExporter.SAVED_MODEL_DIR), limits);
			if (!Files.isRegularFile(partial.resolve(ModelExporter.SAVED_MODEL_DIR).resolve("saved_model.pb")))
				throw new InvalidPackageException(where, "its weights zip has no saved_model.pb at its top");
			final ModelDescription d = describe(in, out, declared, inputId, outputId, sha256);
			writeTestTensors(d, in, out, testIn, testOut, testOutputMappedBack, partial);
			try {
				ModelDescriptions.write(d, partial);
			}
			catch (final org.restorej.model.InvalidModelException e) {
				throw new InvalidPackageException(where, "its config.restorej is too large for a model description (" +
					"more than " + ModelDescriptions.MAX_BYTES + " bytes)");
			}
			Files.move(partial, modelDir);
			return d;
		}
		finally {
			ModelExporter.deleteRecursively(partial);
		}
	}

	/** RestoreJ's own declaration where the package carries it and its steps say the same; else the steps read. */
	private ProcessingReader.Declared declared(final Map<String, Object> input, final Map<String, Object> output,
		final TensorAxes in, final String inputId)
	{
		final List<Map<String, Object>> pre = steps(input.get("preprocessing"), "preprocessing");
		final List<Map<String, Object>> post = steps(output.get("postprocessing"), "postprocessing");
		final ProcessingReader.Declared own = RestoreJConfig.declared(rdf);
		if (own != null) {
			final NormalizationSteps.Steps s = NormalizationSteps.of(own.normalization(), own.range());
			if (RestoreJConfig.sameData(s.preprocessing(), pre) && RestoreJConfig.sameData(s.postprocessing(), post))
				return own;
		}
		return ProcessingReader.read(pre, post, in.ids(), inputId, unsupported);
	}

	private ModelDescription describe(final TensorAxes in, final TensorAxes out,
		final ProcessingReader.Declared declared, final String inputId, final String outputId, final String sha256)
	{
		final Map<String, Object> own = RestoreJConfig.of(rdf);
		final String name = own.get("name") instanceof String s ? s : String.valueOf(rdf.get("name"));
		final int tile = own.containsKey("tileSize") ? TensorAxes.whole(own.get("tileSize"),
			"config.restorej.tileSize", 1, TensorAxes.MAX_SIDE, where) : Math.max(in.min(), (256 + in.step() - 1) /
				in.step() * in.step());
		return new ModelDescription(ModelDescription.FORMAT, name, own.get("architecture") instanceof String a ? a
			: "bioimageio", own.get("config") instanceof Map<?, ?> c ? cast(c) : Map.of(), own.get("task") instanceof String t ? t : "bioimageio", new ModelDescription.Channels(
				in.channelNames().size(), in.channelNames()), new ModelDescription.Channels(out.channelNames().size(), out
					.channelNames()), declared.range(), new ModelDescription.Size(in.step(), in.square(), own.get(
						"officialSizeHandling") instanceof String h ? h : "reflect-pad", "From the bioimage.io axes: sides of " +
							in.min() + " + n * " + in.step() + "; RestoreJ pads smaller images to a multiple of " + in.step() + "."),
			new ModelDescription.Tiling(tile, out.halo()), new ModelDescription.SavedModel(ModelExporter.SAVED_MODEL_DIR,
				"serve", "serving_default", inputId, outputId, "NHWC"), new ModelDescription.Source("bioimage.io package " +
					where.getFileName() + " (" + rdf.get("name") + ")", sha256, null, own.get("parameters") instanceof Number p ? p
					.longValue() : 0, "RestoreJ (bioimage.io import)"),
			RestoreJConfig.license(rdf, own), new ModelDescription.TestData(ModelExporter.TEST_INPUT,
				ModelExporter.TEST_OUTPUT, TOLERANCE), declared.normalization());
	}

	/**
	 * The package's test tensors (raw input, final output) as the network's: the input through the engine's
	 * map for it, the output through the same map if the package's postprocessing brought it back to raw units.
	 */
	private void writeTestTensors(final ModelDescription d, final TensorAxes in, final TensorAxes out,
		final Path testIn, final Path testOut, final boolean mappedBack, final Path dir) throws IOException
	{
		final NhwcArray rawIn = byxc(testIn, in, "input"), rawOut = byxc(testOut, out, "output");
		if (rawIn.height() != rawOut.height() || rawIn.width() != rawOut.width()) throw new InvalidPackageException(
			where, "its test tensors have different sides: " + rawIn.height() + "x" + rawIn.width() + " and " + rawOut
				.height() + "x" + rawOut.width());
		if (!in.accepts(rawIn.height(), rawIn.width())) throw new InvalidPackageException(where, "its test input of " +
			rawIn.height() + "x" + rawIn.width() + " does not fit the axes (" + in.min() + " + n * " + in.step() + ")");
		final double typeMax = d.valueRange().scale() > 1 ? d.valueRange().scale() : 0;
		final Affine[] forward = ArrayNormalization.forward(org.restorej.engine.normalize.Normalization.declaredBy(d),
			rawIn, typeMax, d.valueRange());
		final NhwcArray netIn = ArrayNormalization.apply(forward, rawIn);
		NhwcArray netOut = rawOut;
		if (mappedBack) {
			final Affine[] maps = new Affine[rawOut.channels()];
			for (int k = 0; k < maps.length; k++)
				maps[k] = forward[Math.min(k, forward.length - 1)];
			netOut = ArrayNormalization.apply(maps, rawOut);
		}
		Npy.writeFloat32(dir.resolve(ModelExporter.TEST_INPUT), netIn.nchwShape(), netIn.toNchw());
		Npy.writeFloat32(dir.resolve(ModelExporter.TEST_OUTPUT), netOut.nchwShape(), netOut.toNchw());
	}

	/** A test tensor in the layout its axes declare: batch 1, y, x, channel. */
	private NhwcArray byxc(final Path file, final TensorAxes axes, final String which) throws IOException {
		final NpyArray a = Npy.read(file);
		if (a.rank() != 4 || a.dim(0) != 1 || a.dim(3) != axes.channelNames().size()) throw new InvalidPackageException(
			where, "its " + which + " test tensor has the shape " + java.util.Arrays.toString(a.shape()) + ", not (1, y, " +
				"x, " + axes.channelNames().size() + ") as its axes batch, y, x, channel declare");
		return new NhwcArray(1, a.dim(1), a.dim(2), a.dim(3), a.floats());
	}

	private void checkData(final Map<String, Object> tensor, final String which) {
		final Object data = tensor.get("data");
		if (data == null) return;
		if (data instanceof Map<?, ?> m && (m.get("type") == null || "float32".equals(m.get("type")))) return;
		unsupported.add("the " + which + "'s data " + (data instanceof Map<?, ?> m ? "type " + m.get("type")
			: "described per channel") + " (RestoreJ feeds and reads float32)");
	}

	private Map<String, Object> testTensor(final Map<String, Object> tensor, final String which) {
		if (!(tensor.get("test_tensor") instanceof Map<?, ?> m)) throw new InvalidPackageException(where, "its " +
			which + " has no test_tensor (RestoreJ's verify needs it)");
		return cast(m);
	}

	/**
	 * A file the package describes: inside the package, and with the declared sha256. The sha256 is required
	 * (the format makes it optional): RestoreJ's own packages always carry it, bioimage.io's uploads add it,
	 * and without it a package copied or edited anywhere would run weights no one checked.
	 */
	private Path file(final Map<String, Object> descr, final String what) throws IOException {
		final String source = String.valueOf(descr.get("source"));
		if (source.contains("://")) throw new UnsupportedPackageException(where, List.of(what + " at the address " +
			source + " (RestoreJ reads packages offline: download it into the package)"));
		final Path p;
		try {
			p = root.resolve(source).normalize();
		}
		catch (final java.nio.file.InvalidPathException e) {
			throw new InvalidPackageException(where, what + ".source '" + source + "' is not a file name");
		}
		if (!p.startsWith(root)) throw new InvalidPackageException(where, what + " " + source + " is outside the " +
			"package");
		if (!Files.isRegularFile(p)) throw new InvalidPackageException(where, what + " " + source + " is missing");
		final Object sha = descr.get("sha256");
		if (sha == null) throw new InvalidPackageException(where, what + ".sha256 is missing for " + source +
			" (RestoreJ runs only files whose checksum the package declares: add it, e.g. with " +
			"bioimageio.spec's update_hashes, or export the package again)");
		if (!ModelExporter.sha256(p).equalsIgnoreCase(sha.toString())) throw new InvalidPackageException(
			where, what + " " + source + " does not match its sha256 " + sha);
		return p;
	}

	private List<Map<String, Object>> steps(final Object value, final String what) {
		return value == null ? List.of() : maps(value, what);
	}

	private List<Map<String, Object>> maps(final Object value, final String what) {
		if (!(value instanceof List<?> l) || !l.stream().allMatch(e -> e instanceof Map)) throw new InvalidPackageException(
			where, what + " is not a list of mappings");
		final List<Map<String, Object>> maps = new ArrayList<>();
		for (final Object o : l)
			maps.add(cast((Map<?, ?>) o));
		return maps;
	}

	private Map<String, Object> map(final Object value, final String what) {
		if (!(value instanceof Map<?, ?> m)) throw new InvalidPackageException(where, what + " is missing or not a " +
			"mapping");
		return cast(m);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> cast(final Map<?, ?> m) {
		return (Map<String, Object>) m;
	}
}
