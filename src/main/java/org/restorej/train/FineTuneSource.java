package org.restorej.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.restorej.RestoreJException;
import org.restorej.bioimageio.PackageModels;
import org.restorej.checkpoint.PthCheckpoint;
import org.restorej.export.CheckpointInspector;
import org.restorej.export.ModelCard;
import org.restorej.export.StateDictWeights;
import org.restorej.model.ModelDescription;
import org.restorej.nn.Architectures;
import org.restorej.nn.Layers;
import org.restorej.nn.NetworkConfig;
import org.restorej.nn.ParameterStore;
import org.restorej.nn.WeightSource;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The network and weights to fine-tune: a RestoreJ model folder (its SavedModel's variables, named by their
 * PyTorch keys, read back into PyTorch layout) or an official {@code .pth} checkpoint (configuration
 * detected from its keys and shapes).
 */
public record FineTuneSource(NetworkConfig network, WeightSource weights, String name, double valueScale,
	ModelDescription.License license)
{

	public static FineTuneSource open(final Path modelFolderOrCheckpoint) {
		final Path p = modelFolderOrCheckpoint;
		if (Files.isRegularFile(p.resolve(ModelDescription.FILE_NAME))) return modelFolder(p);
		if (Files.isRegularFile(p)) return checkpoint(p);
		throw new RestoreJException("Cannot fine-tune " + p + ": give a model folder (with model.json) or an " +
			"official .pth checkpoint.");
	}

	private static FineTuneSource modelFolder(final Path dir) {
		final Map<String, long[]> shapes = new LinkedHashMap<>();
		final Map<String, float[]> values = new LinkedHashMap<>();
		// through the one loader, so that the folder's graph is checked before anything else reads it
		try (LoadedModel model = LoadedModel.load(PackageModels.folder(dir), ExecutionOptions.cpu()); Graph g = new Graph()) {
			final ModelDescription d = model.description();
			final NetworkConfig config = Architectures.fromOfficialArguments(d.architecture(), d.config());
			// the parameters' keys, shapes and layouts come from building the same network
			final Ops tf = Ops.create(g);
			final ParameterStore params = new ParameterStore(tf);
			config.build(new Layers(tf, params), tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1,
				config.inputChannels()))));
			final java.util.List<ParameterStore.Parameter> ps = java.util.List.copyOf(params.parameters().values());
			final java.util.List<float[]> v;
			try {
				v = model.fetch(ps.stream().map(ParameterStore.Parameter::key).toList());
			}
			catch (final IllegalArgumentException e) {
				throw new RestoreJException("Model folder " + dir + " lacks a weight of its network (" + e
					.getMessage() + "): re-create the folder with restorej import or train.", e);
			}
			for (int i = 0; i < ps.size(); i++) {
				final ParameterStore.Parameter p = ps.get(i);
				shapes.put(p.key(), p.torchShape());
				values.put(p.key(), p.layout().toTorch(v.get(i), p.torchShape()));
			}
			return new FineTuneSource(config, new TrainedWeights(shapes, values), dir.toString(), d.valueRange()
				.scale(), d.license());
		}
	}

	private static FineTuneSource checkpoint(final Path file) {
		final PthCheckpoint ckpt = PthCheckpoint.open(file);
		final StateDictWeights w = new StateDictWeights(ckpt.stateDict());
		final CheckpointInspector.Detection d = CheckpointInspector.detect(w);
		if (d == null) throw new RestoreJException("Cannot tell which network " + file + " holds (" +
			CheckpointInspector.hint(w) + "): import it with restorej import --arch --config, then fine-tune the " +
				"model folder.");
		// the reader maps the file lazily; the weights are copied before training starts
		final Map<String, long[]> shapes = new LinkedHashMap<>();
		final Map<String, float[]> values = new LinkedHashMap<>();
		for (final String k : w.keys()) {
			shapes.put(k, w.shape(k));
			values.put(k, w.read(k));
		}
		try {
			ckpt.close();
		}
		catch (final Exception e) {
			// read completely already; nothing to lose
		}
		return new FineTuneSource(d.network(), new TrainedWeights(shapes, values), file.toString(), 255, d.architecture()
			.equals("ast") ? ModelCard.AST_LICENSE : ModelCard.RESTORMER_LICENSE);
	}
}
