package org.restorej.fiji;

import java.nio.file.Path;

import org.restorej.restore.Models;
import org.restorej.restore.RestoreSettings;
import org.scijava.app.StatusService;
import org.scijava.plugin.Parameter;
import org.scijava.task.TaskService;

/**
 * The parameters every restoring command shares. Their field names are the keys of a recorded macro
 * line ({@code run("Restore Image", "model=... tile=256 ...")}) and of the macro extensions' options,
 * so they must not change. Text parameters are read like the macro options: empty means the default.
 * No parameter is persisted: an option a script leaves out means its default, never whatever the last
 * dialog held, so that a script gives the same result on every machine.
 */
abstract class RestoreParameters extends RestoreJCommand {

	@Parameter(persist = false, label = "Model", description = "The name of an installed model " +
		"(in Fiji.app/models, e.g. restormer-fluorescence-denoising) or the path of a model folder. Required: a " +
		"script that leaves it out is refused rather than silently given some installed model.")
	protected String model = "";

	@Parameter(persist = false, label = "Tile size", required = false, description = "auto (the model's suggestion), none " +
		"(each plane in one pass), or the side of the tiles in pixels.")
	protected String tile = "auto";

	@Parameter(persist = false, label = "Halo", required = false, description = "auto (the model's suggestion) or the least " +
		"overlap of neighbouring tiles, in pixels.")
	protected String halo = "auto";

	@Parameter(persist = false, label = "Normalization", required = false, choices = { "auto", "range", "percentile",
		"none" }, description = "auto: as the model declares (Describe Model shows it); range: map a fixed intensity " +
			"range to the model's; percentile: map percentiles; none: raw values.")
	protected String normalize = "auto";

	@Parameter(persist = false, label = "Percentiles", required = false, description = "With percentile normalization: " +
		"LOW,HIGH, e.g. 1,99.8 (auto uses the model's own).")
	protected String percentiles = "1,99.8";

	@Parameter(persist = false, label = "Range", required = false, description = "With range normalization: type (8-bit " +
		"0..255, 16-bit 0..65535, float as is, as the official models expect) or MIN,MAX.")
	protected String range = "type";

	@Parameter(persist = false, label = "Clip output to the model's range", required = false)
	protected boolean clip;

	@Parameter(persist = false, label = "Output type", required = false, choices = { "float32", "same" },
		description = RestoreSettings.OUTPUT_TYPE_HELP + ".")
	protected String type = "float32";

	@Parameter(persist = false, label = "Padding", required = false, choices = { "official", "mirror" },
		description = "What tiles see beyond the image: official: as the model declares for its untiled pass " +
			"(reflection; official AST checkpoints: zeros); mirror: the image's mirror image.")
	protected String padding = "official";

	@Parameter(persist = false, label = "Self-ensemble", required = false, choices = { "1", "4", "8" },
		description = "Network passes per tile, averaged: 1, 4 (flips) or 8 (flips and quarter turns); takes that " +
			"many times as long.")
	protected String ensemble = "1";

	@Parameter(persist = false, label = "Device", required = false, description = "cpu, auto, or gpu:N.")
	protected String device = "cpu";

	@Parameter(persist = false, label = "CPU threads", required = false, min = "0", description = "0 for all cores.")
	protected int threads;

	@Parameter
	protected StatusService status;

	@Parameter
	protected TaskService tasks;

	/** The parameters as restoration settings (checked: a bad value names itself and its forms). */
	protected RestoreSettings settings() {
		final java.util.Map<String, String> m = new java.util.HashMap<>(RestoreSettings.fromOptions(tile, halo, normalize,
			percentiles, range, clip, type, device, threads, padding).toMap());
		m.put("ensemble", ensemble);
		return RestoreSettings.fromMap(m);
	}

	protected Path modelDir() {
		return Models.resolve(model);
	}

}
