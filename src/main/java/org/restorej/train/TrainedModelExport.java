package org.restorej.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.restorej.engine.OfficialSizeHandling;
import org.restorej.export.ModelCard;
import org.restorej.export.ModelExporter;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.nn.NetworkConfig;

/** Writes trained weights as a model folder, through the same exporter as imported checkpoints. */
public final class TrainedModelExport {

	/**
	 * Weights trained by RestoreJ on its own (synthetic or the user's) data contain nothing of the official
	 * releases, so they carry RestoreJ's license rather than the official weights' ones.
	 */
	public static final ModelDescription.License TRAINED_LICENSE = new ModelDescription.License("Apache-2.0",
		"https://www.apache.org/licenses/LICENSE-2.0", true, "Trained by RestoreJ from scratch (no official " +
			"weights involved); Apache License 2.0 like RestoreJ. Weights fine-tuned from official ones keep the " +
			"license of those.");

	private TrainedModelExport() {}

	/**
	 * Weights trained on data that each image's pixel type scaled (8-bit /255, 16-bit /65535, float as is),
	 * as {@code restorej train} reads TIFFs: they declare that normalisation.
	 *
	 * @param task e.g. {@code fluorescence-denoising}
	 * @param valueScale what raw data is divided by to give the training intensities (65535 for 16-bit)
	 * @param license of the weights (fine-tuned official weights keep theirs)
	 */
	public static ModelDescription write(final NetworkConfig network, final TrainedWeights weights,
		final String name, final String task, final double valueScale, final String valueNote,
		final ModelDescription.License license, final String origin, final Path outDir, final boolean overwrite)
		throws IOException
	{
		return write(network, weights, name, task, valueScale, valueNote, license, ModelDescription.Normalization
			.typeRange(), origin, outDir, overwrite);
	}

	/**
	 * @param normalization how the training mapped raw data to the network (the folder declares it, and
	 *          {@code normalize=auto} applies it)
	 */
	public static ModelDescription write(final NetworkConfig network, final TrainedWeights weights,
		final String name, final String task, final double valueScale, final String valueNote,
		final ModelDescription.License license, final ModelDescription.Normalization normalization,
		final String origin, final Path outDir, final boolean overwrite) throws IOException
	{
		final boolean ast = network.architecture().equals("ast");
		final int tile = (int) network.sizeRule().roundUp(256);
		// Reflection for both architectures: training shows crops of scenes, never AST's official zero canvas,
		// and a zero canvas cost the bundled AST 1 to 8.5 dB on held-out images (docs/model-format.md).
		final ModelCard card = new ModelCard(name, task, channelNames(network.inputChannels()), channelNames(network
			.outputChannels()), new ModelDescription.ValueRange(0, 1, valueScale, valueNote),
			OfficialSizeHandling.REFLECT_PAD, new ModelDescription.Tiling(tile, ast ? 64 : 32), license, normalization);
		return ModelExporter.export(network, weights, new ModelExporter.Origin(origin, null, null), card, outDir,
			overwrite, null);
	}

	/**
	 * Records in the folder's model.json how the training inputs were normalised (null: leaves the pixel
	 * type's range), so that {@code normalize=auto} maps images as training did.
	 */
	private static List<String> channelNames(final int n) {
		return n == 1 ? List.of("intensity") : IntStream.range(0, n).mapToObj(i -> "channel " + i).toList();
	}
}
