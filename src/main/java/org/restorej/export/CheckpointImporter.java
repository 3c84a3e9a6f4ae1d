package org.restorej.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import org.restorej.RestoreJException;
import org.restorej.checkpoint.PthCheckpoint;
import org.restorej.model.ModelDescription;
import org.restorej.nn.Architectures;
import org.restorej.nn.NetworkConfig;
import org.restorej.nn.WeightSource;

/**
 * Turns an official PyTorch checkpoint into a RestoreJ model folder: detect or take the configuration,
 * check every key both ways, export the SavedModel with its description.
 */
public final class CheckpointImporter {

	/**
	 * @param preset an official task, or null
	 * @param architecture with {@code arguments}, a custom configuration when there is no preset
	 * @param name the model's name (defaults to the preset, or the checkpoint's file name)
	 */
	public record Request(Path checkpoint, Path output, Preset preset, String architecture,
		Map<String, Object> arguments, String name, boolean overwrite) {}

	private CheckpointImporter() {}

	public static ModelDescription run(final Request r, final Consumer<String> log) throws IOException {
		try (PthCheckpoint ckpt = PthCheckpoint.open(r.checkpoint())) {
			final WeightSource weights = new StateDictWeights(ckpt.stateDict());
			log.accept("Checkpoint " + r.checkpoint().getFileName() + ": " + ckpt.wrapper() +
				(ckpt.hadModulePrefix() ? ", 'module.' prefix stripped" : "") + ", " + weights.keys().size() +
				" tensors");
			final CheckpointInspector.Detection detected = CheckpointInspector.detect(weights);
			if (detected != null) log.accept("Detected " + detected.summary() + (detected.presets().isEmpty()
				? "" : " (preset " + String.join(" / ", detected.presets()) + ")"));
			final NetworkConfig config;
			final ModelCard card;
			if (r.preset() != null) {
				config = r.preset().network();
				card = r.preset().card();
			}
			else if (r.architecture() != null) {
				config = Architectures.fromOfficialArguments(r.architecture(), r.arguments());
				card = customCard(config, r);
			}
			else {
				if (detected == null) throw new RestoreJException("Cannot tell which network " + r.checkpoint() +
					" holds: " + CheckpointInspector.hint(weights) + ". Pass --arch and --config.");
				config = detected.network();
				card = detected.presets().isEmpty() ? customCard(config, r) : Preset.byId(detected.presets().get(0))
					.card();
			}
			final ModelCard named = r.name() == null ? card : new ModelCard(r.name(), card.task(), card
				.inputMeaning(), card.outputMeaning(), card.valueRange(), card.officialSizeHandling(), card.tiling(),
				card.license(), card.normalization());
			log.accept("Building " + config);
			final ModelDescription d = ModelExporter.export(config, weights, new ModelExporter.Origin(r
				.checkpoint().toString(), r.checkpoint(), r.preset() == null ? null : r.preset().id()), named,
				r.output(), r.overwrite(), CheckpointInspector::hint);
			log.accept(String.format("Wrote %s: %,d parameters, size rule %s, license: %s", r.output(), d.source()
				.parameters(), new org.restorej.nn.SizeRule(d.size().multiple(), d.size().square()), d.license()
					.name()));
			log.accept("License note: " + d.license().notice());
			log.accept("Normalisation declared (what normalize=auto applies): " + d.normalization().text());
			return d;
		}
	}

	private static ModelCard customCard(final NetworkConfig config, final Request r) {
		final boolean ast = config.architecture().equals("ast");
		final String name = r.name() != null ? r.name() : r.checkpoint().getFileName().toString()
			.replaceFirst("\\.pth?$", "");
		final java.util.List<String> in = java.util.stream.IntStream.range(0, config.inputChannels()).mapToObj(
			i -> "channel " + i).toList();
		final java.util.List<String> out = java.util.stream.IntStream.range(0, config.outputChannels())
			.mapToObj(i -> "channel " + i).toList();
		// as every official test script: 8-bit data divided by 255, i.e. the pixel type's range
		return new ModelCard(name, "custom", in, out, ModelCard.RGB_8BIT, ast ? "square-canvas" : "reflect-pad",
			ModelCard.defaultTiling(config.architecture()), ast
				? ModelCard.AST_LICENSE : ModelCard.RESTORMER_LICENSE, ModelDescription.Normalization.typeRange());
	}
}
