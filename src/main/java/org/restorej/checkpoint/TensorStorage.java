package org.restorej.checkpoint;

/**
 * A storage of an open checkpoint: its element type, size and archive entry. Tensors are views on
 * storages; the bytes stay in the file until a tensor is read.
 */
public final class TensorStorage {

	private final StorageRef ref;
	private final CheckpointArchive archive;

	TensorStorage(final StorageRef ref, final CheckpointArchive archive) {
		this.ref = ref;
		this.archive = archive;
	}

	public StorageType type() {
		return ref.type();
	}

	/** The storage key, i.e. the entry name under {@code <root>/data/}. */
	public String key() {
		return ref.key();
	}

	/** Device the storage was saved from, e.g. {@code cpu} or {@code cuda:0}; informational. */
	public String location() {
		return ref.location();
	}

	/** Number of elements declared for this storage (validated against the archive entry). */
	public long numel() {
		return ref.numel();
	}

	/** Full name of the archive entry holding the bytes. */
	public String entryName() {
		return archive.storageEntryName(ref.key());
	}

	CheckpointArchive archive() {
		return archive;
	}

	@Override
	public String toString() {
		return "storage " + ref.key() + " (" + ref.numel() + " x " + ref.type().dtypeName() + ", " +
			ref.location() + ")";
	}
}
