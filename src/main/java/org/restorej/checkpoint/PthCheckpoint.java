package org.restorej.checkpoint;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A PyTorch {@code .pth} checkpoint (zip format of PyTorch 1.6 and later), opened safely and lazily.
 *
 * <p>Safe: the pickle describing the object tree is interpreted by {@link SafeUnpickler}, which only
 * accepts tensors, storages and containers; anything that would run code in Python is refused with
 * an {@link UnsafePickleException}. Archive entry names, sizes and tensor geometry are validated
 * before anything is read.
 *
 * <p>Lazy: opening reads only the zip directory and {@code data.pkl}. Tensor values are read from the
 * archive when {@link TensorEntry#readFloats()} or {@link TensorEntry#readLongs()} is called, so
 * optimizer state and other tensors outside the state dict are never read. Keep the checkpoint open
 * while reading tensors.
 */
public final class PthCheckpoint implements AutoCloseable {

	private final Path file;
	private final CheckpointArchive archive;
	private final StateDict stateDict;
	private final String wrapper;
	private final boolean hadModulePrefix;

	private PthCheckpoint(final Path file, final CheckpointArchive archive, final StateDict stateDict,
		final String wrapper, final boolean hadModulePrefix)
	{
		this.file = file;
		this.archive = archive;
		this.stateDict = stateDict;
		this.wrapper = wrapper;
		this.hadModulePrefix = hadModulePrefix;
	}

	/**
	 * Opens a checkpoint and finds its state dict: {@code params} if present, else
	 * {@code params_ema}, else {@code state_dict}, else the top-level dict itself. A leading
	 * {@code module.} is stripped from every key.
	 *
	 * @throws UnsafePickleException if the pickle names a global outside the allow-list
	 * @throws UnsupportedCheckpointFormatException for legacy or TorchScript files
	 * @throws CheckpointException for any other problem; the message names the file
	 */
	public static PthCheckpoint open(final Path file) {
		Objects.requireNonNull(file, "file");
		final CheckpointArchive archive = CheckpointArchive.open(file);
		try {
			final Object top = SafeUnpickler.load(file, archive.pickleEntryName(), archive.readPickle());
			final StateDictSelector.Selection selection = StateDictSelector.select(file, top);
			final StateDict stateDict = bind(archive, selection.tensors());
			return new PthCheckpoint(file, archive, stateDict, selection.wrapper(), selection.hadModulePrefix());
		}
		catch (final RuntimeException | Error e) {
			archive.close();
			throw e;
		}
	}

	/** Turns pickled tensors into handles, checking each storage against its archive entry. */
	private static StateDict bind(final CheckpointArchive archive, final Map<String, PickledTensor> tensors) {
		final Map<StorageRef, TensorStorage> storages = new HashMap<>();
		final LinkedHashMap<String, TensorEntry> entries = new LinkedHashMap<>();
		for (final Map.Entry<String, PickledTensor> e : tensors.entrySet()) {
			final PickledTensor t = e.getValue();
			final TensorStorage storage = storages.computeIfAbsent(t.storage(), ref -> checkedStorage(archive,
				ref, e.getKey()));
			entries.put(e.getKey(), new TensorEntry(e.getKey(), storage.type(), t.shape(), t.stride(),
				t.storageOffset(), storage));
		}
		return new StateDict(entries);
	}

	private static TensorStorage checkedStorage(final CheckpointArchive archive, final StorageRef ref,
		final String tensorKey)
	{
		final String entry = archive.storageEntryName(ref.key());
		final long available = archive.storageEntrySize(ref.key());
		final String tensor = "tensor '" + PickleValues.sanitize(tensorKey) + "'";
		if (available < 0)
			throw new CheckpointException(archive.file(), tensor + " refers to the storage entry " + entry +
				", which is missing from the archive");
		final long needed = ref.numel() * ref.type().elementSize(); // no overflow: checked when unpickled
		if (needed > available)
			throw new CheckpointException(archive.file(), tensor + " declares a storage of " + ref.numel() +
				" " + ref.type().dtypeName() + " elements (" + needed + " bytes), but its entry " + entry +
				" holds only " + available + " bytes");
		return new TensorStorage(ref, archive);
	}

	/** The state dict: unwrapped, {@code module.} stripped, in file order. */
	public StateDict stateDict() {
		return stateDict;
	}

	/**
	 * How the state dict was stored, e.g. {@code {'params': state_dict}},
	 * {@code {'epoch': ..., 'state_dict': state_dict, 'optimizer': ...}} or {@code bare state dict}.
	 */
	public String wrapper() {
		return wrapper;
	}

	/** Whether keys carried the DataParallel {@code module.} prefix (now stripped). */
	public boolean hadModulePrefix() {
		return hadModulePrefix;
	}

	public Path file() {
		return file;
	}

	/** Storage bytes read from the archive so far (tensor data only, not the pickle). */
	long storageBytesRead() {
		return archive.storageBytesRead();
	}

	/** Keys of the storages that have been read from so far. */
	Set<String> storagesRead() {
		return archive.storagesRead();
	}

	/** Releases the file. Tensors of this checkpoint can no longer be read afterwards. */
	@Override
	public void close() {
		archive.close();
	}

	@Override
	public String toString() {
		return "PthCheckpoint " + file + " (" + wrapper + ", " + stateDict.size() + " tensors)";
	}
}
