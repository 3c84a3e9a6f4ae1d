package org.restorej.checkpoint;

import static org.restorej.checkpoint.PickleValues.describe;
import static org.restorej.checkpoint.PickleValues.toBool;
import static org.restorej.checkpoint.PickleValues.toLong;
import static org.restorej.checkpoint.PickleValues.toLongs;
import static org.restorej.checkpoint.PickleValues.toStr;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.restorej.checkpoint.PickleGlobal.Role;

/**
 * What the allow-listed globals do, re-implemented as plain data construction. A pickle's REDUCE,
 * NEWOBJ and BINPERSID end up here; nothing is looked up by name or invoked reflectively.
 */
final class TorchCalls {

	/** PyTorch names storages 0, 1, 2, ...; anything path-like must not reach the zip lookup. */
	private static final Pattern STORAGE_KEY = Pattern.compile("[A-Za-z0-9_]{1,64}");

	private static final int MAX_RANK = 64;

	private TorchCalls() {}

	/** REDUCE: {@code callee(*args)}. */
	static Object call(final PickleGlobal callee, final PickleTuple args) {
		return switch (callee.role()) {
			case REBUILD_TENSOR_V2 -> rebuildTensor(args);
			case REBUILD_PARAMETER -> rebuildParameter(args, 3);
			case REBUILD_PARAMETER_WITH_STATE -> rebuildParameter(args, 4);
			case ORDERED_DICT -> orderedDict(args);
			case DEVICE -> device(args);
			case STORAGE_TYPE -> throw PickleError.malformed(callee.qualifiedName() +
				" may only name the type of a storage reference; it cannot be called");
		};
	}

	/** NEWOBJ: {@code cls.__new__(cls, *args)}; only the allow-listed classes qualify. */
	static Object newObject(final PickleGlobal cls, final PickleTuple args) {
		if (cls.role() == Role.ORDERED_DICT) return new OrderedDictObject();
		if (cls.role() == Role.DEVICE) return device(args);
		throw PickleError.malformed(cls.qualifiedName() + " is not a class that can be instantiated here");
	}

	/** BINPERSID: the persistent id {@code ('storage', torch.XStorage, key, location, numel)}. */
	static StorageRef persistentLoad(final Object pid) {
		if (!(pid instanceof PickleTuple t) || t.size() != 5 || !"storage".equals(t.get(0)))
			throw PickleError.unsupported("persistent id is not a storage reference " +
				"('storage', type, key, location, numel) but a " + describe(pid));
		if (!(t.get(1) instanceof PickleGlobal g) || g.role() != Role.STORAGE_TYPE)
			throw PickleError.malformed("storage reference names type " + describe(t.get(1)) +
				" instead of a torch storage class");
		final String key = toStr(t.get(2), "storage key");
		if (!STORAGE_KEY.matcher(key).matches())
			throw PickleError.malformed("storage key '" + PickleValues.sanitize(key) +
				"' is not a plain name (letters, digits, underscore)");
		final String location = toStr(t.get(3), "storage location");
		final long numel = toLong(t.get(4), "storage size");
		if (numel < 0) throw PickleError.malformed("storage " + key + " has negative size " + numel);
		try {
			Math.multiplyExact(numel, g.storageType().elementSize());
		}
		catch (final ArithmeticException e) {
			throw PickleError.malformed("storage " + key + " size " + numel + " overflows");
		}
		return new StorageRef(g.storageType(), key, location, numel);
	}

	/** {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])}. */
	private static PickledTensor rebuildTensor(final PickleTuple args) {
		if (args.size() != 6 && args.size() != 7)
			throw PickleError.malformed("_rebuild_tensor_v2 expects 6 or 7 arguments, got " + args.size());
		if (!(args.get(0) instanceof StorageRef storage))
			throw PickleError.malformed("tensor storage should be a storage reference but is " +
				describe(args.get(0)));
		final long offset = toLong(args.get(1), "tensor storage offset");
		final long[] shape = toLongs(args.get(2), "tensor size");
		final long[] stride = toLongs(args.get(3), "tensor stride");
		toBool(args.get(4), "requires_grad");
		if (!(args.get(5) instanceof Map))
			throw PickleError.malformed("tensor backward hooks should be a dict but are " +
				describe(args.get(5)));
		if (args.size() == 7 && args.get(6) != null && !(args.get(6) instanceof Map))
			throw PickleError.malformed("tensor metadata should be a dict but is " + describe(args.get(6)));
		checkGeometry(storage, offset, shape, stride);
		return new PickledTensor(storage, offset, shape, stride);
	}

	/**
	 * Ensures every element the view can address lies inside the storage's declared size, so that
	 * reading can trust offsets without further checks (the declared size is in turn checked
	 * against the archive entry).
	 */
	static void checkGeometry(final StorageRef storage, final long offset, final long[] shape,
		final long[] stride)
	{
		final String view = "tensor of size " + Arrays.toString(shape) + ", stride " +
			Arrays.toString(stride) + ", offset " + offset;
		if (shape.length != stride.length)
			throw PickleError.malformed(view + ": size and stride differ in length");
		if (shape.length > MAX_RANK) throw PickleError.unsupported(view + ": more than " + MAX_RANK + " dimensions");
		if (offset < 0) throw PickleError.malformed(view + ": negative storage offset");
		try {
			long numel = 1;
			long last = offset;
			for (int d = 0; d < shape.length; d++) {
				if (shape[d] < 0) throw PickleError.malformed(view + ": negative size");
				if (stride[d] < 0) throw PickleError.malformed(view + ": negative stride");
				numel = Math.multiplyExact(numel, shape[d]);
				if (shape[d] > 0) last = Math.addExact(last, Math.multiplyExact(shape[d] - 1, stride[d]));
			}
			if (numel == 0) {
				if (offset > storage.numel())
					throw PickleError.malformed(view + ": offset lies past the end of storage " + storage.key() +
						" (" + storage.numel() + " elements)");
			}
			else if (last >= storage.numel()) {
				throw PickleError.malformed(view + " reaches element " + last + ", past the end of storage " +
					storage.key() + " (" + storage.numel() + " elements)");
			}
		}
		catch (final ArithmeticException e) {
			throw PickleError.malformed(view + ": size overflows");
		}
	}

	private static PickledTensor rebuildParameter(final PickleTuple args, final int arity) {
		if (args.size() != arity)
			throw PickleError.malformed("_rebuild_parameter expects " + arity + " arguments, got " + args.size());
		if (!(args.get(0) instanceof PickledTensor t))
			throw PickleError.malformed("parameter data should be a tensor but is " + describe(args.get(0)));
		toBool(args.get(1), "requires_grad");
		if (!(args.get(2) instanceof Map))
			throw PickleError.malformed("parameter backward hooks should be a dict but are " +
				describe(args.get(2)));
		return t;
	}

	private static OrderedDictObject orderedDict(final PickleTuple args) {
		final OrderedDictObject dict = new OrderedDictObject();
		if (args.size() == 0) return dict;
		if (args.size() > 1) throw PickleError.malformed("OrderedDict expects at most 1 argument");
		final Object init = args.get(0);
		if (init instanceof Map<?, ?> m) {
			dict.putAll(m); // keys already checked when m was filled
			return dict;
		}
		final List<Object> pairs;
		if (init instanceof PickleTuple t) pairs = t.items();
		else if (init instanceof List<?> l) pairs = new java.util.ArrayList<>(l);
		else throw PickleError.malformed("OrderedDict cannot be built from " + describe(init));
		for (final Object p : pairs) {
			if (!(p instanceof PickleTuple pair) || pair.size() != 2)
				throw PickleError.malformed("OrderedDict items should be (key, value) pairs");
			PickleValues.requireHashable(pair.get(0));
			dict.put(pair.get(0), pair.get(1));
		}
		return dict;
	}

	private static TorchDevice device(final PickleTuple args) {
		if (args.size() < 1 || args.size() > 2)
			throw PickleError.malformed("torch.device expects 1 or 2 arguments");
		final String type = toStr(args.get(0), "device type");
		final long index = args.size() == 2 ? toLong(args.get(1), "device index") : -1;
		return new TorchDevice(type, index);
	}
}
