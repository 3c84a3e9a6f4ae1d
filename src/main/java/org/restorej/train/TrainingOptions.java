package org.restorej.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.restorej.restore.InvalidSettingException;
import org.restorej.restore.RestoreSettings;
import org.restorej.runtime.ExecutionOptions;

/**
 * Every choice a user makes about one training run, shared by {@code restorej train}, the Train Model
 * command, the macro extensions and the worker's {@code train} request, so that a default or a check
 * means the same everywhere. Only plain values: the Fiji side builds it without TensorFlow.
 * The keys of {@link #toMap()} are the Fiji command's parameter names (a recorded macro line's keys).
 *
 * @param architecture restormer or ast; null: the fine-tune source's, else restormer
 * @param size tiny, compact or official (ignored when fine-tuning: the source's network is used)
 * @param fineTune a model folder or .pth to start from, or null to train from scratch
 * @param patches the patch schedule ({@code PxB[:STEPS],...}), or null for the architecture's default
 * @param warmup linear warm-up steps, or -1 for 100 or a tenth of the steps if fewer
 * @param weightDecay AdamW decoupled weight decay, or null for the architecture's paper's
 * @param loss l1, charbonnier or l2, or null for the architecture's paper's (self-supervised: l2)
 * @param validation pairs held out for validation: {@code auto} (1 when there are 4 or more), a count, or
 *          a fraction below 1
 */
public record TrainingOptions(String architecture, String size, String fineTune, long steps, String patches,
	double learningRate, double minLearningRate, long warmup, Double weightDecay, String loss, String validation,
	long seed, int threads, int logEvery, int validateEvery, int checkpointEvery, String device)
{

	public static final String AUTO = "auto";

	/** Updates of a run that does not say (a constant so that help texts can name it). */
	public static final long DEFAULT_STEPS = 2000;

	public TrainingOptions {
		architecture = blankIsNull(architecture);
		if (architecture != null) architecture = oneOf("arch", architecture, "restormer", "ast");
		size = oneOf("size", size == null || size.isBlank() ? "compact" : size, NetworkPresets.SIZES.toArray(
			String[]::new));
		fineTune = blankIsNull(fineTune);
		patches = blankIsNull(patches);
		if (patches != null && patches.equalsIgnoreCase(AUTO)) patches = null;
		loss = blankIsNull(loss);
		if (loss != null && loss.equalsIgnoreCase(AUTO)) loss = null;
		if (loss != null) loss = oneOf("loss", loss, "l1", "charbonnier", "l2");
		validation = blankIsNull(validation) == null ? AUTO : validation.trim().toLowerCase(Locale.ROOT);
		heldOut(validation, 100);
		if (steps < 1) throw new InvalidSettingException("steps", Long.toString(steps), "a positive number of updates");
		if (!(learningRate > 0) || !(minLearningRate >= 0) || minLearningRate > learningRate)
			throw new InvalidSettingException("lr", learningRate + " (min " + minLearningRate + ")",
				"a positive peak learning rate, at least the final one");
		if (weightDecay != null && weightDecay < 0) throw new InvalidSettingException("decay", weightDecay.toString(),
			"a weight decay >= 0");
		if (threads < 0) throw new InvalidSettingException("threads", Integer.toString(threads),
			"0 (all cores) or a positive number");
		device = device == null || device.isBlank() ? "cpu" : device.trim();
		new ExecutionOptions(device, threads, 0, true); // refuses a device that is none of cpu, gpu:N, auto
	}

	/** {@code restorej train}'s defaults: compact Restormer from scratch, 2000 steps. */
	public static TrainingOptions defaults() {
		return new TrainingOptions(null, "compact", null, DEFAULT_STEPS, null, 1e-3, 1e-6, -1, null, null, AUTO, 1, 0, 50,
			250, 250, "cpu");
	}

	/** Reads {@link #toOptions()}'s form, ImageJ's macro options ({@code steps=500 arch=ast ...}). */
	public static TrainingOptions parse(final String options) {
		return fromMap(RestoreSettings.keyValues(options == null ? "" : options));
	}

	/**
	 * From option values keyed as {@link #toMap()} writes them; a missing or empty value means the default.
	 * {@code patch} and {@code batch} (one stage of that size for every step) may stand for {@code patches}.
	 *
	 * @throws InvalidSettingException for an unknown key or a value that cannot be used
	 */
	public static TrainingOptions fromMap(final Map<String, String> values) {
		final Map<String, String> v = new LinkedHashMap<>(defaults().toMap());
		values.forEach((k, x) -> {
			if (!v.containsKey(k) && !k.equals("patch") && !k.equals("batch")) throw new InvalidSettingException(k, x,
				"no such training option; the options are " + String.join(", ", v.keySet()) + ", patch, batch");
			if (x != null && !x.isBlank()) v.put(k, x.trim());
		});
		final String patches = v.containsKey("patch") || v.containsKey("batch") ? singleStage(integer(v, "patch"),
			integer(v, "batch")) : v.get("patches");
		return new TrainingOptions(v.get("arch"), v.get("size"), v.get("finetune"), number(v, "steps").longValue(),
			patches, number(v, "lr"), number(v, "minlr"), number(v, "warmup").longValue(), v.get("decay").isEmpty()
				? null : number(v, "decay"), v.get("loss"), v.get("validation"), number(v, "seed").longValue(), integer(v,
					"threads"), integer(v, "logevery"), integer(v, "validateevery"), integer(v, "checkpointevery"), v.get("device"));
	}

	/** The options as text values ({@code ""} for "not given"), read back by {@link #fromMap}. */
	public Map<String, String> toMap() {
		final Map<String, String> m = new LinkedHashMap<>();
		m.put("arch", architecture == null ? "" : architecture);
		m.put("size", size);
		m.put("finetune", fineTune == null ? "" : fineTune);
		m.put("steps", Long.toString(steps));
		m.put("patches", patches == null ? "" : patches);
		m.put("lr", Double.toString(learningRate));
		m.put("minlr", Double.toString(minLearningRate));
		m.put("warmup", Long.toString(warmup));
		m.put("decay", weightDecay == null ? "" : weightDecay.toString());
		m.put("loss", loss == null ? "" : loss);
		m.put("validation", validation);
		m.put("seed", Long.toString(seed));
		m.put("threads", Integer.toString(threads));
		m.put("logevery", Integer.toString(logEvery));
		m.put("validateevery", Integer.toString(validateEvery));
		m.put("checkpointevery", Integer.toString(checkpointEvery));
		m.put("device", device);
		return m;
	}

	/** {@code arch=restormer size=compact ...}, values with spaces in brackets: what {@link #parse} reads back. */
	public String toOptions() {
		final StringBuilder sb = new StringBuilder();
		toMap().forEach((k, x) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(x.contains(" ")
			? "[" + x + "]" : x));
		return sb.toString();
	}

	/**
	 * One patch size and batch for the whole run, as the Fiji command's two fields give them; 0 means the
	 * default (patch: the architecture's whole schedule; batch: 8).
	 */
	public static String singleStage(final int patch, final int batch) {
		if (patch < 0 || batch < 0) throw new InvalidSettingException(patch < 0 ? "patch" : "batch", Integer.toString(
			Math.min(patch, batch)), "0 (the default) or a positive number");
		if (patch == 0 && batch > 0) throw new InvalidSettingException("batch", Integer.toString(batch),
			"0 unless a patch size is given too (the default schedule sets its own batches)");
		return patch == 0 ? null : patch + "x" + (batch == 0 ? 8 : batch);
	}

	/** The architecture to train: the given one, or with none given the fine-tune source's, else Restormer. */
	public String architectureOr(final String fineTuneArchitecture) {
		return architecture != null ? architecture : fineTuneArchitecture != null ? fineTuneArchitecture : "restormer";
	}

	/** Restormer grows the patch in four stages (30/30/25/15% of the steps); AST trains at one size, as in the papers. */
	public String patchesFor(final String arch) {
		if (patches != null) return patches;
		if (arch.equals("ast")) return "64x8";
		final long a = Math.max(1, steps * 30 / 100), c = Math.max(1, steps * 25 / 100);
		return "48x16:" + a + ",64x8:" + a + ",96x4:" + c + ",128x2";
	}

	public long warmupSteps() {
		return warmup >= 0 ? warmup : Math.min(100, steps / 10);
	}

	/** How many of {@code pairs} pairs (the last ones by name) are held out for validation. */
	public int heldOut(final int pairs) {
		return heldOut(validation, pairs);
	}

	private static int heldOut(final String validation, final int pairs) {
		if (validation.equals(AUTO)) return pairs >= 4 ? 1 : 0;
		final String expected = "auto (1 pair when there are 4 or more), a number of pairs, or a fraction below 1";
		final double v;
		try {
			v = Double.parseDouble(validation);
		}
		catch (final NumberFormatException e) {
			throw new InvalidSettingException("validation", validation, expected);
		}
		if (v < 0 || v >= 1 && v != Math.rint(v)) throw new InvalidSettingException("validation", validation, expected);
		return v < 1 ? (int) Math.round(v * pairs) : (int) v;
	}

	private static String blankIsNull(final String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

	private static String oneOf(final String key, final String value, final String... allowed) {
		for (final String a : allowed)
			if (a.equalsIgnoreCase(value.trim())) return a;
		throw new InvalidSettingException(key, value, "one of " + String.join(", ", allowed));
	}

	private static Double number(final Map<String, String> v, final String key) {
		try {
			return Double.valueOf(v.get(key));
		}
		catch (final NumberFormatException e) {
			throw new InvalidSettingException(key, v.get(key), "a number");
		}
	}

	private static int integer(final Map<String, String> v, final String key) {
		final String s = v.getOrDefault(key, "0");
		try {
			return Integer.parseInt(s.equalsIgnoreCase(AUTO) ? "0" : s);
		}
		catch (final NumberFormatException e) {
			throw new InvalidSettingException(key, s, "a whole number");
		}
	}
}
