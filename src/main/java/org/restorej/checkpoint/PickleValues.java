package org.restorej.checkpoint;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Conversions and checks on the Java values that stand for unpickled Python objects. */
final class PickleValues {

	/** Deeper tuple keys are refused; real state dicts use string keys. */
	private static final int MAX_KEY_DEPTH = 32;

	private PickleValues() {}

	/**
	 * The Python type name of a value, for messages. Never uses toString of containers, which may be
	 * cyclic.
	 */
	static String describe(final Object v) {
		if (v == null) return "None";
		if (v instanceof Boolean) return "bool";
		if (v instanceof Long || v instanceof BigInteger) return "int";
		if (v instanceof Double) return "float";
		if (v instanceof String) return "str";
		if (v instanceof byte[]) return "bytes";
		if (v instanceof PickleTuple) return "tuple";
		if (v instanceof OrderedDictObject) return "OrderedDict";
		if (v instanceof Map) return "dict";
		if (v instanceof List) return "list";
		if (v instanceof Set) return "set";
		if (v instanceof PickledTensor) return "tensor";
		if (v instanceof StorageRef) return "storage";
		if (v instanceof PickleGlobal g) return g.qualifiedName();
		if (v instanceof TorchDevice) return "torch.device";
		return v.getClass().getSimpleName();
	}

	/**
	 * Refuses values Python could not use as dict keys or set members (lists, dicts). This also keeps
	 * Java's recursive hashCode away from cyclic structures.
	 */
	static void requireHashable(final Object v) {
		requireHashable(v, 0);
	}

	private static void requireHashable(final Object v, final int depth) {
		if (depth > MAX_KEY_DEPTH) throw PickleError.unsupported("dict key nested too deeply");
		if (v == null || v instanceof String || v instanceof Long || v instanceof BigInteger ||
			v instanceof Double || v instanceof Boolean)
		{
			return;
		}
		if (v instanceof PickleTuple t) {
			for (final Object item : t.items())
				requireHashable(item, depth + 1);
			return;
		}
		throw PickleError.malformed("unhashable " + describe(v) + " used as a dict key or set member");
	}

	static long toLong(final Object v, final String what) {
		if (v instanceof Long l) return l;
		if (v instanceof BigInteger) throw PickleError.malformed(what + " is out of range");
		throw PickleError.malformed(what + " should be an int but is " + describe(v));
	}

	static long[] toLongs(final Object v, final String what) {
		if (!(v instanceof PickleTuple t))
			throw PickleError.malformed(what + " should be a tuple of ints but is " + describe(v));
		final long[] out = new long[t.size()];
		for (int i = 0; i < out.length; i++)
			out[i] = toLong(t.get(i), what + "[" + i + "]");
		return out;
	}

	static boolean toBool(final Object v, final String what) {
		if (v instanceof Boolean b) return b;
		throw PickleError.malformed(what + " should be a bool but is " + describe(v));
	}

	static String toStr(final Object v, final String what) {
		if (v instanceof String s) return s;
		throw PickleError.malformed(what + " should be a str but is " + describe(v));
	}

	/** Makes text from the file safe to embed in a message: printable, bounded. */
	static String sanitize(final String s) {
		final StringBuilder b = new StringBuilder();
		for (int i = 0; i < s.length() && b.length() < 200; i++) {
			final char c = s.charAt(i);
			if (c >= 0x20 && c < 0x7f) b.append(c);
			else b.append(String.format("\\u%04x", (int) c));
		}
		if (b.length() >= 200) b.append("...");
		return b.toString();
	}
}
