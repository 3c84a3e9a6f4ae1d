package org.restorej.checkpoint;

import static org.restorej.checkpoint.PickleValues.describe;
import static org.restorej.checkpoint.PickleValues.sanitize;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the state dict inside the unpickled object: training scripts wrap it ({@code params},
 * {@code params_ema}, {@code state_dict}) or save it bare, and DataParallel prefixes keys with
 * {@code module.}.
 */
final class StateDictSelector {

	/** Wrapper keys in order of preference. */
	static final List<String> WRAPPER_KEYS = List.of("params", "params_ema", "state_dict");
	static final String BARE = "bare state dict";
	static final String MODULE_PREFIX = "module.";

	private static final int KEYS_IN_MESSAGES = 10;

	private StateDictSelector() {}

	/** The chosen tensors (keys without prefix), and how they were found. */
	record Selection(LinkedHashMap<String, PickledTensor> tensors, String wrapper, boolean hadModulePrefix) {}

	static Selection select(final Path file, final Object top) {
		if (!(top instanceof Map<?, ?> map))
			throw new CheckpointException(file, "it holds a " + describe(top) +
				" instead of a dict with a state dict (a model saved whole, rather than its state_dict()?)");
		for (final String wrapperKey : WRAPPER_KEYS) {
			if (map.get(wrapperKey) instanceof Map<?, ?> inner)
				return collect(file, inner, "'" + wrapperKey + "'", describeWrapper(map, wrapperKey));
		}
		if (!map.isEmpty() && map.keySet().stream().allMatch(k -> k instanceof String) &&
			map.values().stream().allMatch(v -> v instanceof PickledTensor))
		{
			return collect(file, map, "the top-level dict", BARE);
		}
		throw new CheckpointException(file, "it contains no state dict: expected a dict with 'params', " +
			"'params_ema' or 'state_dict', or a dict of tensors, but the top-level dict has keys " +
			keyList(map));
	}

	private static Selection collect(final Path file, final Map<?, ?> dict, final String where,
		final String wrapper)
	{
		final LinkedHashMap<String, PickledTensor> tensors = new LinkedHashMap<>();
		boolean prefixed = false;
		for (final Map.Entry<?, ?> e : dict.entrySet()) {
			if (!(e.getKey() instanceof String key))
				throw new CheckpointException(file, "the state dict in " + where + " has a key of type " +
					describe(e.getKey()) + "; state dict keys are strings");
			if (!(e.getValue() instanceof PickledTensor tensor))
				throw new CheckpointException(file, "the state dict in " + where + " maps '" + sanitize(key) +
					"' to a " + describe(e.getValue()) + " instead of a tensor");
			String stripped = key;
			if (key.startsWith(MODULE_PREFIX)) {
				stripped = key.substring(MODULE_PREFIX.length());
				prefixed = true;
			}
			if (tensors.putIfAbsent(stripped, tensor) != null)
				throw new CheckpointException(file, "the state dict in " + where + " has the key '" +
					sanitize(stripped) + "' both with and without the 'module.' prefix");
		}
		if (tensors.isEmpty())
			throw new CheckpointException(file, "the state dict in " + where + " contains no tensors");
		return new Selection(tensors, wrapper, prefixed);
	}

	/** E.g. {@code {'epoch': ..., 'state_dict': state_dict, 'optimizer': ...}}. */
	private static String describeWrapper(final Map<?, ?> map, final String chosen) {
		final StringBuilder s = new StringBuilder("{");
		int shown = 0;
		for (final Object key : map.keySet()) {
			if (shown == KEYS_IN_MESSAGES) {
				s.append(", ...");
				break;
			}
			s.append(shown++ == 0 ? "" : ", ").append(keyText(key)).append(": ")
				.append(chosen.equals(key) ? "state_dict" : "...");
		}
		return s.append("}").toString();
	}

	private static String keyList(final Map<?, ?> map) {
		final StringBuilder s = new StringBuilder("[");
		int shown = 0;
		for (final Object key : map.keySet()) {
			if (shown == KEYS_IN_MESSAGES) {
				s.append(", ...");
				break;
			}
			s.append(shown++ == 0 ? "" : ", ").append(keyText(key));
		}
		return s.append("]").toString();
	}

	private static String keyText(final Object key) {
		if (key instanceof String s) return "'" + sanitize(s) + "'";
		if (key instanceof Long l) return l.toString();
		return "<" + describe(key) + ">";
	}
}
