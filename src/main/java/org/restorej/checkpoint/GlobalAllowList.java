package org.restorej.checkpoint;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.restorej.checkpoint.PickleGlobal.Role;

/**
 * The only Python globals a state-dict pickle may name. Everything else (os.system, builtins.eval,
 * model classes, ...) is refused, because in Python naming a global is how a pickle runs code.
 */
final class GlobalAllowList {

	private static final Map<String, PickleGlobal> ALLOWED = new HashMap<>();

	static {
		allow("torch._utils", "_rebuild_tensor_v2", Role.REBUILD_TENSOR_V2, null);
		allow("torch._utils", "_rebuild_parameter", Role.REBUILD_PARAMETER, null);
		allow("torch._utils", "_rebuild_parameter_with_state", Role.REBUILD_PARAMETER_WITH_STATE, null);
		allow("collections", "OrderedDict", Role.ORDERED_DICT, null);
		allow("torch", "device", Role.DEVICE, null);
		for (final StorageType t : StorageType.values()) {
			final String name = t.torchStorageClass().substring("torch.".length());
			allow("torch", name, Role.STORAGE_TYPE, t);
		}
	}

	private GlobalAllowList() {}

	private static void allow(final String module, final String name, final Role role,
		final StorageType type)
	{
		ALLOWED.put(module + "\n" + name, new PickleGlobal(module, name, role, type));
	}

	static Optional<PickleGlobal> lookup(final String module, final String name) {
		return Optional.ofNullable(ALLOWED.get(module + "\n" + name));
	}

	/** Whether this looks like a PyTorch storage class we merely do not read (e.g. complex). */
	static boolean isOtherTorchStorage(final String module, final String name) {
		return module.equals("torch") && name.matches("[A-Za-z0-9]{1,40}Storage");
	}
}
