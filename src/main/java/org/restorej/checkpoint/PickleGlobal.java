package org.restorej.checkpoint;

/**
 * An allow-listed Python global that a pickle referred to with GLOBAL or STACK_GLOBAL. Only the
 * role matters: the reader emulates each role itself and never resolves names to code.
 */
record PickleGlobal(String module, String name, Role role, StorageType storageType) {

	enum Role {
		REBUILD_TENSOR_V2, REBUILD_PARAMETER, REBUILD_PARAMETER_WITH_STATE, ORDERED_DICT, DEVICE, STORAGE_TYPE
	}

	String qualifiedName() {
		return module + "." + name;
	}

	@Override
	public String toString() {
		return qualifiedName();
	}
}
