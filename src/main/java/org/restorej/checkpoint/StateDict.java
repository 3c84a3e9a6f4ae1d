package org.restorej.checkpoint;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The tensors of a checkpoint by key, in the order of the file. Reading needs the checkpoint open. */
public final class StateDict {

	private final Map<String, TensorEntry> entries;

	StateDict(final LinkedHashMap<String, TensorEntry> entries) {
		this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
	}

	/** All keys, in file order (an unmodifiable view of insertion-ordered keys). */
	public Set<String> keys() {
		return entries.keySet();
	}

	/** The tensor for {@code key}, or {@code null} if absent. */
	public TensorEntry get(final String key) {
		return entries.get(key);
	}

	public boolean contains(final String key) {
		return entries.containsKey(key);
	}

	public int size() {
		return entries.size();
	}

	/** All tensors, in file order. */
	public Collection<TensorEntry> entries() {
		return entries.values();
	}

	@Override
	public String toString() {
		return "StateDict of " + entries.size() + " tensors";
	}
}
