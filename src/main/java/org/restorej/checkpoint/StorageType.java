package org.restorej.checkpoint;

import java.util.Optional;

/**
 * Element type of a PyTorch storage, named after the tensor dtype it holds. Each constant knows the
 * legacy {@code torch.*Storage} class name by which a pickled checkpoint refers to it.
 */
public enum StorageType {

	FLOAT32("FloatStorage", "float32", 4, true),
	FLOAT16("HalfStorage", "float16", 2, true),
	BFLOAT16("BFloat16Storage", "bfloat16", 2, true),
	FLOAT64("DoubleStorage", "float64", 8, true),
	INT64("LongStorage", "int64", 8, false),
	INT32("IntStorage", "int32", 4, false),
	INT16("ShortStorage", "int16", 2, false),
	INT8("CharStorage", "int8", 1, false),
	UINT8("ByteStorage", "uint8", 1, false),
	BOOL("BoolStorage", "bool", 1, false);

	private final String storageClass;
	private final String dtypeName;
	private final int elementSize;
	private final boolean floatingPoint;

	StorageType(final String storageClass, final String dtypeName, final int elementSize,
		final boolean floatingPoint)
	{
		this.storageClass = storageClass;
		this.dtypeName = dtypeName;
		this.elementSize = elementSize;
		this.floatingPoint = floatingPoint;
	}

	/** Bytes per element in the storage entry. */
	public int elementSize() {
		return elementSize;
	}

	public boolean isFloatingPoint() {
		return floatingPoint;
	}

	/** The PyTorch dtype name, e.g. {@code float32}, {@code int64}. */
	public String dtypeName() {
		return dtypeName;
	}

	/** The pickled global that denotes this storage type, e.g. {@code torch.FloatStorage}. */
	public String torchStorageClass() {
		return "torch." + storageClass;
	}

	/** Looks up the type for a global {@code torch.<name>}; empty for anything else. */
	static Optional<StorageType> forStorageClass(final String name) {
		for (final StorageType t : values())
			if (t.storageClass.equals(name)) return Optional.of(t);
		return Optional.empty();
	}

	/** Looks up a type by PyTorch dtype name such as {@code float32}; empty if unknown. */
	public static Optional<StorageType> forDtypeName(final String name) {
		for (final StorageType t : values())
			if (t.dtypeName.equals(name)) return Optional.of(t);
		return Optional.empty();
	}
}
