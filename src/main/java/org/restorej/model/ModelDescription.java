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
 * @param normalization how raw intensities must be mapped to the network and back ({@code normalize=auto});
 *          absent in format 1 folders, which behave as {@link Normalization#typeRange()}
 */
public record ModelDescription(String format, String name, String architecture, Map<String, Object> config,
	String task, Channels input, Channels output, ValueRange valueRange, Size size, Tiling tiling,
	SavedModel savedModel, Source source, License license, TestData test, Normalization normalization)
{

	public static final String FORMAT = "restorej-model/2";
	/** The first format: no {@code normalization}; still read (as the pixel type's range). */
	public static final String FORMAT_1 = "restorej-model/1";
	public static final String FILE_NAME = "model.json";

	public ModelDescription {
		if (normalization == null) normalization = Normalization.typeRange();
	}

	/** A description without a declared normalisation (the pixel type's range, as format 1). */
	public ModelDescription(final String format, final String name, final String architecture,
		final Map<String, Object> config, final String task, final Channels input, final Channels output,
		final ValueRange valueRange, final Size size, final Tiling tiling, final SavedModel savedModel,
		final Source source, final License license, final TestData test)
	{
		this(format, name, architecture, config, task, input, output, valueRange, size, tiling, savedModel, source,
			license, test, null);
	}

	public ModelDescription withNormalization(final Normalization n) {
		return new ModelDescription(FORMAT, name, architecture, config, task, input, output, valueRange, size, tiling,
			savedModel, source, license, test, n);
	}

	/** Number of channels and what each one holds, e.g. {@code ["R", "G", "B"]}. */
	public record Channels(int count, List<String> meaning) {}

	/**
	 * Intensities as the network expects them: {@code [min, max]} after dividing raw data by
	 * {@code scale} (255 for 8-bit, 65535 for 16-bit training data).
	 */
	public record ValueRange(double min, double max, double scale, String note) {}

	/**
	 * Spatial sizes: the graph accepts sides that are multiples of {@code multiple} (and equal if
	 * {@code square}); {@code officialHandling} is {@code reflect-pad} (Restormer, and every model RestoreJ trains:
	 * pad bottom/right by reflection, crop back) or {@code square-canvas} (official AST checkpoints: zero
	 * canvas, image centred, crop back).
	 */
	public record Size(int multiple, boolean square, String officialHandling, String note) {}

	/** Suggested tile side (a multiple of the size rule) and overlap for tiled processing. */
	public record Tiling(int tileSize, int halo) {
		/** The largest tile side a description may suggest: its tiles still count in int and long. */
		public static final int MAX_TILE = 8192;
	}

	/** SavedModel folder (relative), its tag and signature, and tensor names in that signature. */
	public record SavedModel(String directory, String tag, String signature, String inputName,
		String outputName, String layout) {}

	/** The checkpoint the weights were imported from. */
	public record Source(String checkpoint, String sha256, String preset, long parameters, String importedBy) {}

	/** License of the weights and what it allows. */
	public record License(String name, String url, boolean commercialUse, String notice) {}

	/** Verification data: NCHW float32 .npy files (relative) and the agreement expected. */
	public record TestData(String input, String output, double maxAbsTolerance) {}

	/**
	 * How the model wants raw intensities mapped to its {@link ValueRange} ({@code normalize=auto}), as the
	 * weights were trained: {@code method} is {@code type} (the pixel type's range: 8-bit 0..255, 16-bit
	 * 0..65535, float as is; what the official test scripts do), {@code range} (raw {@code min}..{@code max}),
	 * {@code percentile} (the {@code low} and {@code high} percentiles, 0..100, of each image or each
	 * {@code scope=plane}, over all channels together or {@code perChannel}), {@code standardize} (mean 0 and
	 * standard deviation 1 over the same {@code scope} and {@code perChannel} choice: bioimage.io's
	 * zero_mean_unit_variance) or {@code none}. {@code output} is {@code inverse} (the network's output goes
	 * back through the inverse of the input's mapping) or {@code none} (the network's output is the result, as
	 * bioimage.io packages without postprocessing declare). {@code clip}: true if the network's output is always
	 * clamped to {@code valueRange} before it goes back (as {@code clip=true} asks; bioimage.io's clip step).
	 */
	public record Normalization(String method, Double min, Double max, Double low, Double high, String scope,
		Boolean perChannel, String output, Boolean clip)
	{
		/** A declaration without {@code clip} (the output is not clamped unless the user asks). */
		public Normalization(final String method, final Double min, final Double max, final Double low,
			final Double high, final String scope, final Boolean perChannel, final String output)
		{
			this(method, min, max, low, high, scope, perChannel, output, null);
		}

		public static final String TYPE = "type", RANGE = "range", PERCENTILE = "percentile", NONE = "none",
			STANDARDIZE = "standardize";
		public static final String IMAGE = "image", PLANE = "plane", INVERSE = "inverse";

		public Normalization {
			if (output == null) output = INVERSE;
			if (PERCENTILE.equals(method) || STANDARDIZE.equals(method)) {
				if (scope == null) scope = IMAGE;
				if (perChannel == null) perChannel = false;
			}
		}

		public static Normalization typeRange() {
			return new Normalization(TYPE, null, null, null, null, null, null, INVERSE);
		}

		public static Normalization fixedRange(final double min, final double max) {
			return new Normalization(RANGE, min, max, null, null, null, null, INVERSE);
		}

		public static Normalization percentile(final double low, final double high, final String scope,
			final boolean perChannel)
		{
			return new Normalization(PERCENTILE, null, null, low, high, scope, perChannel, INVERSE);
		}

		public static Normalization none() {
			return new Normalization(NONE, null, null, null, null, null, null, INVERSE);
		}

		/** For people, e.g. {@code percentile 1..99.8 per plane, channels together}. */
		public String text() {
			return switch (method) {
				case TYPE -> "the pixel type's range (8-bit 0..255, 16-bit 0..65535, float as is)";
				case RANGE -> "range " + number(min) + ".." + number(max);
				case PERCENTILE -> "percentile " + number(low) + ".." + number(high) + (PLANE.equals(scope) ? " per plane"
					: " over the image") + (perChannel ? ", per channel" : ", channels together");
				case STANDARDIZE -> "mean 0, deviation 1" + (PLANE.equals(scope) ? " per plane" : " over the image") +
					(perChannel ? ", per channel" : ", channels together");
				default -> method;
			};
		}

		private static String number(final double v) {
			return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
		}

		public static Normalization standardize(final String scope, final boolean perChannel) {
			return new Normalization(STANDARDIZE, null, null, null, null, scope, perChannel, INVERSE);
		}

		/** The same input mapping with the network's output taken as the result ({@code output: none}). */
		public Normalization withOutputAsIs() {
			return new Normalization(method, min, max, low, high, scope, perChannel, NONE, clip);
		}

		/** The same declaration with the output always clamped to the value range. */
		public Normalization withClip() {
			return new Normalization(method, min, max, low, high, scope, perChannel, output, true);
		}

		public boolean clipsOutput() {
			return Boolean.TRUE.equals(clip);
		}

		/** Whether the network's output goes back through the inverse of the input's mapping. */
		public boolean invertsOutput() {
			return INVERSE.equals(output);
		}

		/** Why this declaration cannot be applied, or null if it can. */
		public String problem() {
			if (method == null) return "normalization.method is missing (type, range, percentile or none)";
			if (!INVERSE.equals(output) && !NONE.equals(output)) return "normalization.output '" + output +
				"' is not supported (inverse or none)";
			return switch (method) {
				case TYPE, NONE -> null;
				case RANGE -> min != null && max != null && max > min ? null
					: "normalization range needs min and max with max > min, not " + min + ".." + max;
				case PERCENTILE -> low == null || high == null || !(low >= 0 && low < high && high <= 100)
					? "normalization percentiles need 0 <= low < high <= 100, not " + low + ", " + high
					: scope.equals(IMAGE) || scope.equals(PLANE) ? null
					: "normalization.scope '" + scope + "' is not image or plane";
				case STANDARDIZE -> scope.equals(IMAGE) || scope.equals(PLANE) ? null
					: "normalization.scope '" + scope + "' is not image or plane";
				default -> "normalization.method '" + method + "' is not type, range, percentile, standardize or none";
			};
		}
	}
}
