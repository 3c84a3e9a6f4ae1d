package org.restorej.checkpoint;

import java.util.LinkedHashMap;

/**
 * A {@code collections.OrderedDict} built by the pickle. A distinct class only so that BUILD can be
 * limited to it (PyTorch attaches {@code _metadata} to state dicts that way).
 */
final class OrderedDictObject extends LinkedHashMap<Object, Object> {

	private static final long serialVersionUID = 1L;

	@Override
	public String toString() {
		return "OrderedDict of " + size();
	}
}
