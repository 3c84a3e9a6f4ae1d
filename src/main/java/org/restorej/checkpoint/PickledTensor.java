package org.restorej.checkpoint;

/**
 * A tensor as rebuilt by {@code torch._utils._rebuild_tensor_v2}: a view (offset, shape, strides in
 * elements) onto a storage. Geometry has been checked against the storage's declared size.
 */
record PickledTensor(StorageRef storage, long storageOffset, long[] shape, long[] stride) {

	@Override
	public String toString() {
		return "tensor " + storage.type().dtypeName() + java.util.Arrays.toString(shape);
	}
}
