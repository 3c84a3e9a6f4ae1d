package org.restorej.restore;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.restorej.engine.Padding;

/**
 * Every choice a user makes about one restoration, named the same way in all four front ends: the
 * keys of {@link #toOptions()} are the Fiji commands' parameter names (the keys of a recorded macro
 * line), the macro extensions' option keys, and the command line's options without {@code --}.
 *
 * @param tile tile side in pixels; {@link #MODEL_TILE} for the model's suggestion, {@link #WHOLE_PLANE}
 *          for no tiling (each plane in one pass)
 * @param halo least overlap of neighbouring tiles; {@link #MODEL_HALO} for the model's suggestion
 * @param normalize how intensities are brought to the model's range: {@code auto} (the default) as the
 *          model declares in its model.json, or an explicit method that overrides the declaration
 * @param percentileLow with {@code normalize=percentile}: the percentile mapped to the bottom of the range
 *          (ignored otherwise, also with {@code auto}, which takes the model's own percentiles)
 * @param percentileHigh ... and to its top
 * @param range with {@code normalize=range}: the raw values mapped to the model's range, or null for the
 *          pixel type's range (8-bit 0..255, 16-bit 0..65535, float as is), as the official models expect
 *          (ignored with other methods)
 * @param clip clamp the network's output to the model's value range before scaling back
 * @param outputType float output, or the input's pixel type (rounded, saturated)
 * @param device {@code cpu}, {@code gpu:N} or {@code auto}
 * @param threads CPU threads for TensorFlow; 0 for all cores
 * @param padding what tiles see beyond the image on the model's canvas: {@code official} (what the
 *          model declares for its untiled pass: reflection; official AST checkpoints zeros) or {@code mirror}
 * @param ensemble network passes per tile, averaged: 1, 4 (flips) or 8 (flips and quarter turns); costs as
 *          many times the time
 */
public record RestoreSettings(int tile, int halo, Normalize normalize, double percentileLow,
	double percentileHigh, Range range, boolean clip, OutputType outputType, String device, int threads,
	Padding padding, int ensemble)
{

	public static final int MODEL_TILE = 0, WHOLE_PLANE = -1, MODEL_HALO = -1;

	/** What the output types give, RGB included: the help of the CLI's --output-type and Fiji's Output type. */
	public static final String OUTPUT_TYPE_HELP = "float32 (the default; an RGB input gives a 32-bit image of its 3 " +
		"channels, a composite, not RGB), or same: the input's pixel type, rounded and saturated (RGB stays RGB)";

	/**
	 * How raw intensities are mapped to the model's value range (and back): {@code AUTO} as the model
	 * declares; the others override the declaration.
	 */
	public enum Normalize {
		AUTO, RANGE, PERCENTILE, NONE;

		public String id() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/** What the restored image's pixels are. */
	public enum OutputType {
		FLOAT32("float32"), SAME("same");

		private final String id;

		OutputType(final String id) {
			this.id = id;
		}

		public String id() {
			return id;
		}
	}

	/** A fixed intensity range, {@code min < max}. */
	public record Range(double min, double max) {
		public Range {
			if (!(max > min)) throw new InvalidSettingException("range", min + "," + max, "MIN,MAX with MIN < MAX");
		}
	}

	private static final Pattern DEVICE = Pattern.compile("cpu|auto|gpu:\\d+");

	public RestoreSettings {
		if (tile < WHOLE_PLANE || tile > 0 && tile < 8) throw new InvalidSettingException("tile", Integer.toString(
			tile), "auto, none, or a side of at least 8 pixels");
		if (halo < MODEL_HALO) throw new InvalidSettingException("halo", Integer.toString(halo),
			"auto or a number of pixels >= 0");
		if (normalize == null || outputType == null || padding == null) throw new IllegalArgumentException("normalize, " +
			"outputType and padding are required");
		if (!(percentileLow >= 0 && percentileLow < percentileHigh && percentileHigh <= 100))
			throw new InvalidSettingException("percentiles", percentileLow + "," + percentileHigh,
				"LOW,HIGH with 0 <= LOW < HIGH <= 100, e.g. 1,99.8");
		device = device == null ? "cpu" : device.trim().toLowerCase(Locale.ROOT);
		if (!DEVICE.matcher(device).matches()) throw new InvalidSettingException("device", device,
			"cpu, auto, or gpu:N (N = GPU index, e.g. gpu:0)");
		if (threads < 0) throw new InvalidSettingException("threads", Integer.toString(threads),
			"0 (all cores) or a positive number");
		if (ensemble != 1 && ensemble != 4 && ensemble != 8) throw new InvalidSettingException("ensemble", Integer
			.toString(ensemble), "1 (one pass), 4 (flips) or 8 (flips and quarter turns)");
	}

	/**
	 * The model's tiling, the model's declared normalisation, no clipping, float output, CPU with all
	 * cores, the model's official padding.
	 */
	public static RestoreSettings defaults() {
		return new RestoreSettings(MODEL_TILE, MODEL_HALO, Normalize.AUTO, 1, 99.8, null, false, OutputType.FLOAT32,
			"cpu", 0, Padding.OFFICIAL, 1);
	}

	/**
	 * Reads options in ImageJ's macro form, {@code key=value} separated by spaces (values with spaces in
	 * square brackets), starting from the defaults. Keys: {@code tile} (auto|none|N), {@code halo}
	 * (auto|N), {@code normalize} (auto|range|percentile|none), {@code percentiles} (LOW,HIGH),
	 * {@code range} (type|MIN,MAX), {@code clip} (true|false, or the bare word), {@code type}
	 * (float32|same), {@code device} (cpu|gpu:N|auto), {@code threads} (N), {@code padding}
	 * (official|mirror).
	 *
	 * @throws InvalidSettingException for an unknown key or a value that does not parse
	 */
	public static RestoreSettings parse(final String options) {
		return parse(keyValues(options == null ? "" : options));
	}

	/** As {@link #parse(String)}, from options already split into keys and values ({@link #keyValues}). */
	public static RestoreSettings parse(final Map<String, String> values) {
		final Map<String, String> all = new LinkedHashMap<>(defaults().toMap());
		for (final Map.Entry<String, String> e : values.entrySet()) {
			if (!all.containsKey(e.getKey())) throw new InvalidSettingException(e.getKey(), e.getValue(),
				"no such option; the options are " + String.join(", ", all.keySet()));
			all.put(e.getKey(), e.getValue());
		}
		return fromMap(all);
	}

	/**
	 * From the values of the named options (each as the user typed it: empty or missing means the
	 * default, as headless SciJava passes empty strings for inputs nobody gave).
	 */
	public static RestoreSettings fromOptions(final String tile, final String halo, final String normalize,
		final String percentiles, final String range, final boolean clip, final String type, final String device,
		final int threads)
	{
		return fromOptions(tile, halo, normalize, percentiles, range, clip, type, device, threads, null);
	}

	/** As above, with the {@code padding} option (official|mirror; empty or null: official). */
	public static RestoreSettings fromOptions(final String tile, final String halo, final String normalize,
		final String percentiles, final String range, final boolean clip, final String type, final String device,
		final int threads, final String padding)
	{
		final Map<String, String> m = new java.util.HashMap<>();
		m.put("padding", padding);
		m.put("tile", tile);
		m.put("halo", halo);
		m.put("normalize", normalize);
		m.put("percentiles", percentiles);
		m.put("range", range);
		m.put("clip", Boolean.toString(clip));
		m.put("type", type);
		m.put("device", device);
		m.put("threads", Integer.toString(threads));
		return fromMap(m);
	}

	/**
	 * From the values of the named options, as {@link #fromMap}; the typed form the command line and
	 * the Fiji commands use.
	 */
	public static RestoreSettings fromMap(final Map<String, String> values) {
		final RestoreSettings d = defaults();
		final String percentiles = text(values, "percentiles"), range = text(values, "range");
		final double[] p = percentiles == null ? new double[] { d.percentileLow, d.percentileHigh } : pair(
			"percentiles", percentiles, "LOW,HIGH with 0 <= LOW < HIGH <= 100, e.g. 1,99.8");
		final Range r;
		if (range == null || range.equalsIgnoreCase("type")) r = null;
		else {
			final double[] mm = pair("range", range, "type (the pixel type's range) or MIN,MAX, e.g. 0,4095");
			r = new Range(mm[0], mm[1]);
		}
		return new RestoreSettings(tile(text(values, "tile")), halo(text(values, "halo")), choice("normalize", text(
			values, "normalize"), Normalize.AUTO), p[0], p[1], r, bool("clip", text(values, "clip")), outputType(text(
				values, "type")), text(values, "device") == null ? "cpu" : text(values, "device"), count("threads", text(
					values, "threads")), padding(text(values, "padding")), ensemble(text(values, "ensemble")));
	}

	/** The settings as option values, keyed as {@link #parse} reads them. */
	public Map<String, String> toMap() {
		final Map<String, String> m = new LinkedHashMap<>();
		m.put("tile", tile == MODEL_TILE ? "auto" : tile == WHOLE_PLANE ? "none" : Integer.toString(tile));
		m.put("halo", halo == MODEL_HALO ? "auto" : Integer.toString(halo));
		m.put("normalize", normalize.id());
		m.put("percentiles", number(percentileLow) + "," + number(percentileHigh));
		m.put("range", range == null ? "type" : number(range.min()) + "," + number(range.max()));
		m.put("clip", Boolean.toString(clip));
		m.put("type", outputType.id());
		m.put("device", device);
		m.put("threads", Integer.toString(threads));
		m.put("padding", padding.name().toLowerCase(Locale.ROOT));
		m.put("ensemble", Integer.toString(ensemble));
		return m;
	}

	/**
	 * {@code tile=256 halo=auto normalize=auto ...}: what {@link #parse} reads back. A single pass
	 * ({@code ensemble=1}) is left out, so that lines written before the ensemble existed stay as they were.
	 */
	public String toOptions() {
		final StringBuilder sb = new StringBuilder();
		toMap().forEach((k, v) -> {
			if (!(k.equals("ensemble") && ensemble == 1)) sb.append(sb.length() == 0 ? "" : " ").append(k).append('=')
				.append(v);
		});
		return sb.toString();
	}

	public RestoreSettings withOutputType(final OutputType t) {
		return new RestoreSettings(tile, halo, normalize, percentileLow, percentileHigh, range, clip, t, device,
			threads, padding, ensemble);
	}

	public RestoreSettings withEnsemble(final int e) {
		return new RestoreSettings(tile, halo, normalize, percentileLow, percentileHigh, range, clip, outputType, device,
			threads, padding, e);
	}

	/**
	 * ImageJ's macro options: {@code key=value} or {@code key=[value with spaces]}, or a bare {@code key}
	 * (true), keys in lower case.
	 */
	public static Map<String, String> keyValues(final String options) {
		final Map<String, String> m = new LinkedHashMap<>();
		final Matcher matcher = Pattern.compile("([^\\s=]+)(?:=(\\[[^\\]]*\\]|\\S*))?").matcher(options);
		while (matcher.find()) {
			final String key = matcher.group(1).toLowerCase(Locale.ROOT);
			String value = matcher.group(2);
			if (value == null) value = "true";
			else if (value.startsWith("[") && value.endsWith("]")) value = value.substring(1, value.length() - 1);
			m.put(key, value);
		}
		return m;
	}

	private static String text(final Map<String, String> values, final String key) {
		final String v = values.get(key);
		return v == null || v.isBlank() ? null : v.trim();
	}

	private static int tile(final String v) {
		if (v == null || v.equalsIgnoreCase("auto")) return MODEL_TILE;
		if (v.equalsIgnoreCase("none")) return WHOLE_PLANE;
		final int n = integer("tile", v, "auto, none, or a side in pixels");
		if (n <= 0) throw new InvalidSettingException("tile", v, "auto, none, or a side of at least 8 pixels");
		return n;
	}

	private static int halo(final String v) {
		if (v == null || v.equalsIgnoreCase("auto")) return MODEL_HALO;
		final int n = integer("halo", v, "auto or a number of pixels >= 0");
		if (n < 0) throw new InvalidSettingException("halo", v, "auto or a number of pixels >= 0");
		return n;
	}

	private static int count(final String key, final String v) {
		if (v == null) return 0;
		final int n = integer(key, v, "0 (all cores) or a positive number");
		if (n < 0) throw new InvalidSettingException(key, v, "0 (all cores) or a positive number");
		return n;
	}

	private static int ensemble(final String v) {
		if (v == null) return 1;
		return integer("ensemble", v, "1 (one pass), 4 (flips) or 8 (flips and quarter turns)");
	}

	private static OutputType outputType(final String v) {
		if (v == null) return OutputType.FLOAT32;
		for (final OutputType t : OutputType.values())
			if (t.id().equalsIgnoreCase(v)) return t;
		throw new InvalidSettingException("type", v, "float32 or same (the input's pixel type)");
	}

	private static Padding padding(final String v) {
		if (v == null) return Padding.OFFICIAL;
		for (final Padding p : Padding.values())
			if (p.name().equalsIgnoreCase(v)) return p;
		throw new InvalidSettingException("padding", v, "official (as the model's official untiled pass pads) or " +
			"mirror (the image's mirror image)");
	}

	private static Normalize choice(final String key, final String v, final Normalize fallback) {
		if (v == null) return fallback;
		for (final Normalize n : Normalize.values())
			if (n.id().equalsIgnoreCase(v)) return n;
		throw new InvalidSettingException(key, v, "auto (as the model declares), range, percentile or none");
	}

	private static boolean bool(final String key, final String v) {
		if (v == null || v.equalsIgnoreCase("false")) return false;
		if (v.equalsIgnoreCase("true")) return true;
		throw new InvalidSettingException(key, v, "true or false");
	}

	private static int integer(final String key, final String v, final String expected) {
		try {
			return Integer.parseInt(v);
		}
		catch (final NumberFormatException e) {
			throw new InvalidSettingException(key, v, expected);
		}
	}

	private static double[] pair(final String key, final String v, final String expected) {
		final String[] parts = v.split(",");
		if (parts.length != 2) throw new InvalidSettingException(key, v, expected);
		try {
			return new double[] { Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()) };
		}
		catch (final NumberFormatException e) {
			throw new InvalidSettingException(key, v, expected);
		}
	}

	private static String number(final double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}
}
