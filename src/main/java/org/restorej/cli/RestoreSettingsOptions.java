package org.restorej.cli;

import java.util.Map;

import org.restorej.engine.Restorer;
import org.restorej.model.ModelDescription;
import org.restorej.restore.InvalidSettingException;
import org.restorej.restore.RestoreSettings;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The command-line form of {@link RestoreSettings}: the options of {@code restorej restore}, which other
 * launchers of a restoration (the Spark application) mix in so that they take them the same way.
 */
public final class RestoreSettingsOptions {

	@Option(names = "--tile", defaultValue = "auto", paramLabel = "N|auto|none", description = "Tile side in " +
		"pixels; auto: the model's suggestion; none: each plane in one pass (default: ${DEFAULT-VALUE}).")
	String tile;

	@Option(names = "--halo", defaultValue = "auto", paramLabel = "N|auto", description = "Least overlap of " +
		"neighbouring tiles; auto: the model's suggestion (default: ${DEFAULT-VALUE}).")
	String halo;

	@Option(names = "--normalize", defaultValue = "auto", paramLabel = "auto|range|percentile|none",
		description = "How intensities are mapped to the model's range; auto: as the model declares ('info' shows " +
			"it), the others override it (default: ${DEFAULT-VALUE}).")
	String normalize;

	@Option(names = "--percentiles", defaultValue = "1,99.8", paramLabel = "LOW,HIGH", description = "With " +
		"--normalize percentile; auto uses the model's own (default: ${DEFAULT-VALUE}).")
	String percentiles;

	@Option(names = "--range", defaultValue = "type", paramLabel = "type|MIN,MAX", description = "With " +
		"--normalize range: the pixel type's range (8-bit 0..255, 16-bit 0..65535, float as is) or MIN,MAX " +
		"(default: ${DEFAULT-VALUE}).")
	String range;

	@Option(names = "--clip", description = "Clamp the network's output to the model's value range.")
	boolean clip;

	@Option(names = "--output-type", defaultValue = "float32", paramLabel = "float32|same", description =
		RestoreSettings.OUTPUT_TYPE_HELP + " (default: ${DEFAULT-VALUE}).")
	String outputType;

	@Option(names = "--padding", defaultValue = "official", paramLabel = "official|mirror", description = "What " +
		"tiles see beyond the image on the model's canvas: official: as the model declares for its untiled pass " +
		"(reflection; official AST checkpoints: zeros), so --tile none is that pass; mirror: the image's mirror " +
		"image (default: ${DEFAULT-VALUE}).")
	String padding;

	@Option(names = "--ensemble", defaultValue = "1", paramLabel = "1|4|8", description = "Network passes per tile, " +
		"averaged: 1, 4 (flips) or 8 (flips and quarter turns); takes that many times as long (default: " +
		"${DEFAULT-VALUE}).")
	int ensemble;

	@Mixin
	ExecutionOptionsMixin execution;

	@Spec(Spec.Target.MIXEE)
	CommandSpec command;

	/** The CLI's names of the settings' keys, for messages in the user's terms. */
	private static final Map<String, String> OPTION_NAMES = Map.ofEntries(Map.entry("type", "--output-type"), Map
		.entry("tile", "--tile"), Map.entry("halo", "--halo"), Map.entry("normalize", "--normalize"), Map.entry(
			"percentiles", "--percentiles"), Map.entry("range", "--range"), Map.entry("clip", "--clip"), Map.entry(
				"padding", "--padding"), Map.entry("device", "--device"), Map.entry("threads", "--threads"), Map.entry(
					"ensemble", "--ensemble"));

	/**
	 * The settings these options give.
	 *
	 * @throws ParameterException (a usage error: exit code 2) naming the CLI's option if a value cannot be used
	 */
	public RestoreSettings settings() {
		try {
			return RestoreSettings.fromOptions(tile, halo, normalize, percentiles, range, clip, outputType, execution
				.device, execution.threads, padding).withEnsemble(ensemble);
		}
		catch (final InvalidSettingException e) {
			throw usageError(OPTION_NAMES.getOrDefault(e.key(), e.key()), e.value(), e.expected());
		}
	}

	/** A usage error of {@code option}: "Invalid value for option '--tile': '7' cannot be used: ...". */
	ParameterException usageError(final String option, final String value, final String expected) {
		return new ParameterException(command.commandLine(), "Invalid value for option '" + option + "': " + (value ==
			null ? "(missing)" : "'" + value + "'") + " cannot be used: " + expected + ".");
	}

	/**
	 * Refuses a --tile below what {@code model} can restore with its halo, naming that minimum (a
	 * usage error, before any image is read), so that the one number a user sees is the one that holds.
	 */
	void checkTile(final ModelDescription model) {
		final int side;
		try {
			side = Integer.parseInt(tile.trim());
		}
		catch (final NumberFormatException e) {
			return;
		}
		int haloPixels = RestoreSettings.MODEL_HALO;
		try {
			if (!halo.trim().equalsIgnoreCase("auto")) haloPixels = Integer.parseInt(halo.trim());
		}
		catch (final NumberFormatException e) {
			return;
		}
		final int minimum = Restorer.minimumTile(model, haloPixels);
		if (side > 0 && side < minimum) throw usageError("--tile", tile, model.name() + " restores with tiles of at " +
			"least " + minimum + " pixels (a multiple of its size rule, " + (model.size() == null ? 1 : model.size()
				.multiple()) + ", longer than the halo tiles share), so give --tile " + minimum + " or more, or a " +
			"smaller --halo");
	}
}
