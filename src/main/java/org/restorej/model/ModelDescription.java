package org.restorej.model;

import java.util.List;
import java.util.Map;

/**
 * What RestoreJ knows about an exported model, stored as {@code model.json} beside its SavedModel.
 * The format is documented in {@code docs/model-format.md}; every reader of a model folder (engine,
 * commands, command line) goes through this record.
 *
 * @param format always {@link #FORMAT}, so that later versions can recognise old folders
 * @param name short identifier, e.g. {@code restormer-real-denoising}
 * @param architecture {@code restormer} or {@code ast}
 * @param config the official PyTorch constructor's keyword arguments
 * @param task what the model restores, e.g. {@code real-denoising}
 * @param input channels the network takes
 * @param output channels it returns
 * @param valueRange the intensity scaling the weights were trained on
 * @param size which spatial sizes the graph accepts and how the official code handles others
 * @param tiling suggested tile size and halo for large images
 * @param savedModel where and how to call the SavedModel
 * @param source the checkpoint the weights came from
 * @param license the license of the weights, as the user must be told
 * @param test a small input and the output computed at export, for {@code restorej verify}
 */
public record ModelDescription(String format, String name, String architecture, Map<String, Object> config,
	String task, Channels input, Channels output, ValueRange valueRange, Size size, Tiling tiling,
	SavedModel savedModel, Source source, License license, TestData test)
{

	public static final String FORMAT = "restorej-model/1";
	public static final String FILE_NAME = "model.json";

	/** Number of channels and what each one holds, e.g. {@code ["R", "G", "B"]}. */
	public record Channels(int count, List<String> meaning) {}

	/**
	 * Intensities as the network expects them: {@code [min, max]} after dividing raw data by
	 * {@code scale} (255 for 8-bit, 65535 for 16-bit training data).
	 */
	public record ValueRange(double min, double max, double scale, String note) {}

	/**
	 * Spatial sizes: the graph accepts sides that are multiples of {@code multiple} (and equal if
	 * {@code square}); {@code officialHandling} is {@code reflect-pad} (Restormer: pad bottom/right by
	 * reflection, crop back) or {@code square-canvas} (AST: zero canvas, image centred, crop back).
	 */
	public record Size(int multiple, boolean square, String officialHandling, String note) {}

	/** Suggested tile side (a multiple of the size rule) and overlap for tiled processing. */
	public record Tiling(int tileSize, int halo) {}

	/** SavedModel folder (relative), its tag and signature, and tensor names in that signature. */
	public record SavedModel(String directory, String tag, String signature, String inputName,
		String outputName, String layout) {}

	/** The checkpoint the weights were imported from. */
	public record Source(String checkpoint, String sha256, String preset, long parameters, String importedBy) {}

	/** License of the weights and what it allows. */
	public record License(String name, String url, boolean commercialUse, String notice) {}

	/** Verification data: NCHW float32 .npy files (relative) and the agreement expected. */
	public record TestData(String input, String output, double maxAbsTolerance) {}
}
