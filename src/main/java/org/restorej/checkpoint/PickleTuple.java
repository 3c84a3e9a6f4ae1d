package org.restorej.checkpoint;

import java.util.List;

/**
 * A Python tuple from the pickle. Kept apart from lists because tuples are immutable and may be
 * dict keys. Never print or hash one that was not checked by {@link PickleValues#requireHashable}:
 * a tuple can contain a list that contains the tuple again.
 */
record PickleTuple(List<Object> items) {

	static final PickleTuple EMPTY = new PickleTuple(List.of());

	PickleTuple {
		items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
	}

	int size() {
		return items.size();
	}

	Object get(final int i) {
		return items.get(i);
	}

	@Override
	public String toString() {
		return "tuple of " + items.size();
	}
}
