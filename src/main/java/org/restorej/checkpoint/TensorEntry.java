package org.restorej.checkpoint;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a state dict: a lightweight handle whose values are read from the checkpoint only
 * when {@link #readFloats()} or {@link #readLongs()} is called (the checkpoint must still be open).
 *
 * @param key state-dict key, without a {@code module.} prefix
 * @param dtype element type
 * @param shape size per dimension; empty for a 0-d (scalar) tensor
 * @param stride elements to skip per step in each dimension
 * @param storageOffset index of the first element in the storage
 * @param storage where the values live
 */
public record TensorEntry(String key, StorageType dtype, long[] shape, long[] stride, long storageOffset,
	TensorStorage storage)
{

	public TensorEntry {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(dtype, "dtype");
		Objects.requireNonNull(storage, "storage");
		shape = shape.clone();
		stride = stride.clone();
		if (dtype != storage.type())
			throw new IllegalArgumentException("dtype " + dtype + " differs from storage type " + storage.type());
		try {
			TorchCalls.checkGeometry(new StorageRef(storage.type(), storage.key(), storage.location(),
				storage.numel()), storageOffset, shape, stride);
		}
		catch (final PickleError e) {
			throw new IllegalArgumentException(e.getMessage());
		}
	}

	@Override
	public long[] shape() {
		return shape.clone();
	}

	@Override
	public long[] stride() {
		return stride.clone();
	}

	public int rank() {
		return shape.length;
	}

	/** Number of elements: the product of the shape (1 for a 0-d tensor). */
	public long numel() {
		long n = 1;
		for (final long d : shape)
			n *= d; // cannot overflow: checked on construction
		return n;
	}

	/** Whether the elements lie in row-major order without gaps (strides of size-1 dims are ignored). */
	public boolean isContiguous() {
		long expected = 1;
		for (int d = shape.length - 1; d >= 0; d--) {
			if (shape[d] == 0) return true;
			if (shape[d] != 1 && stride[d] != expected) return false;
			expected *= shape[d];
		}
		return true;
	}

	/**
	 * Reads the values in row-major (C) order of {@link #shape()}, converted to float: float16,
	 * bfloat16 and float64 are converted, integers and bools (0/1) too.
	 *
	 * @throws CheckpointException if the checkpoint is closed, the data cannot be read, or the tensor
	 *           has more elements than a Java array can hold
	 */
	public float[] readFloats() {
		return TensorReader.readFloats(this);
	}

	/**
	 * Reads the values of an integer or bool tensor in row-major order of {@link #shape()}.
	 *
	 * @throws CheckpointException if the tensor has a floating-point type (use {@link #readFloats()})
	 */
	public long[] readLongs() {
		return TensorReader.readLongs(this);
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof TensorEntry t && key.equals(t.key) && dtype == t.dtype &&
			Arrays.equals(shape, t.shape) && Arrays.equals(stride, t.stride) &&
			storageOffset == t.storageOffset && storage == t.storage;
	}

	@Override
	public int hashCode() {
		return Objects.hash(key, dtype, Arrays.hashCode(shape), Arrays.hashCode(stride), storageOffset,
			System.identityHashCode(storage));
	}

	@Override
	public String toString() {
		return key + ": " + dtype.dtypeName() + Arrays.toString(shape);
	}
}
