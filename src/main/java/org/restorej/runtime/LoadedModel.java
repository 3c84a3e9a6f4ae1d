package org.restorej.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.restorej.RestoreJException;
import org.restorej.array.NhwcArray;
import org.restorej.model.InvalidModelException;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.nn.SizeRule;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TFResourceExhaustedException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * A model folder loaded into one TensorFlow session. TensorFlow sessions are thread-safe, so one
 * instance serves every caller and thread; close it to free the native memory.
 */
public final class LoadedModel implements AutoCloseable {

	private final Path directory;
	private final ModelDescription description;
	private final SavedModelBundle bundle;
	private final SessionFunction function;

	private LoadedModel(final Path directory, final ModelDescription description, final SavedModelBundle bundle) {
		this.directory = directory;
		this.description = description;
		this.bundle = bundle;
		this.function = bundle.function(description.savedModel().signature());
	}

	/**
	 * The one way a SavedModel gets into a session: its model.json's paths must stay inside the folder and its
	 * graph must pass {@link SavedModelCheck} before TensorFlow sees it. {@code modelDir} is a RestoreJ model
	 * folder; a bioimage.io package is converted into one by {@code bioimageio.PackageModels.folder} where the
	 * model is located (the runtime does not unpack packages).
	 *
	 * @throws DisallowedOpException if the graph holds an op RestoreJ's exports never use
	 */
	public static LoadedModel load(final Path modelDir, final ExecutionOptions options) {
		final ModelDescription d = ModelDescriptions.read(modelDir);
		final Path saved = modelDir.resolve(d.savedModel().directory());
		if (!Files.isRegularFile(saved.resolve("saved_model.pb"))) throw new InvalidModelException(modelDir
			.resolve(ModelDescription.FILE_NAME), "its SavedModel " + saved + " has no saved_model.pb");
		SavedModelCheck.check(modelDir, saved);
		final SavedModelBundle bundle;
		try {
			bundle = SavedModelBundle.loader(saved.toString()).withTags(d.savedModel().tag()).withConfigProto(options
				.toConfigProto()).load();
		}
		catch (final RuntimeException e) {
			// TensorFlow's errors are TensorFlowException, IllegalArgumentException, UnsupportedOperationException...
			throw new ModelRunException(modelDir, "load", e);
		}
		try {
			return new LoadedModel(modelDir, d, bundle);
		}
		catch (final IllegalArgumentException e) {
			bundle.close();
			throw new ModelRunException(modelDir, "find the signature " + d.savedModel().signature() + " in", e);
		}
	}

	public ModelDescription description() {
		return description;
	}

	public Path directory() {
		return directory;
	}

	public SizeRule sizeRule() {
		return new SizeRule(description.size().multiple(), description.size().square());
	}

	/** Runs the raw network on a batch whose size already satisfies the size rule. */
	public NhwcArray run(final NhwcArray input) {
		final int expected = description.input().count();
		if (input.channels() != expected) throw new InputSizeException("Model " + description.name() +
			" takes " + expected + " channel(s) " + description.input().meaning() + ", the input has " +
			input.channels() + ".");
		if (!sizeRule().accepts(input.height(), input.width())) throw new InputSizeException("Model " +
			description.name() + " needs sides that are a " + sizeRule() + ", not " + input.height() + "x" +
			input.width() + ": pad the input (restorej predict does it the official way) or tile it.");
		try (TFloat32 t = TFloat32.tensorOf(Shape.of(input.batch(), input.height(), input.width(), input
			.channels()), DataBuffers.of(input.data(), true, false));
			Result r = call(t))
		{
			if (!(r.get(description.savedModel().outputName()).orElse(null) instanceof TFloat32 out))
				throw new ModelRunException(directory, "run", new IllegalStateException("its signature has no float " +
					"output " + description.savedModel().outputName()));
			final Shape s = out.shape();
			final float[] data = new float[Math.toIntExact(s.size())];
			out.copyTo(DataBuffers.of(data, false, false));
			return new NhwcArray((int) s.get(0), (int) s.get(1), (int) s.get(2), (int) s.get(3), data);
		}
	}

	/** Out of memory stays itself (the engine retries with smaller tiles); any other failure names the model. */
	private Result call(final TFloat32 input) {
		try {
			return function.call(Map.of(description.savedModel().inputName(), (Tensor) input));
		}
		catch (final TFResourceExhaustedException | RestoreJException e) {
			throw e;
		}
		catch (final RuntimeException e) {
			throw new ModelRunException(directory, "run", e);
		}
	}

	/**
	 * The values of named float tensors of the graph (e.g. its variables, for fine-tuning), in order.
	 *
	 * @throws IllegalArgumentException if the graph has no such tensor
	 */
	public List<float[]> fetch(final List<String> tensorNames) {
		final Session.Runner runner = bundle.session().runner();
		tensorNames.forEach(runner::fetch);
		try (Result r = runner.run()) {
			final List<float[]> values = new ArrayList<>();
			for (int i = 0; i < tensorNames.size(); i++) {
				final TFloat32 t = (TFloat32) r.get(i);
				final float[] v = new float[Math.toIntExact(t.shape().size())];
				t.copyTo(DataBuffers.of(v, false, false));
				values.add(v);
			}
			return values;
		}
	}

	@Override
	public void close() {
		bundle.close();
	}
}
