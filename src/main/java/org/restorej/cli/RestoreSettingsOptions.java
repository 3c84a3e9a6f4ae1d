package org.restorej.cli;

import org.restorej.restore.RestoreSettings;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

	/** The settings these options give. */
	public RestoreSettings settings() {
		return RestoreSettings.fromOptions(tile, halo, normalize, percentiles, range, clip, outputType, execution.device,
			execution.threads, padding).withEnsemble(ensemble);
	}
}
