package org.restorej.checkpoint;

import java.nio.file.Path;

/**
 * The checkpoint's pickle refers to a Python global that is not on the allow-list of a plain state
 * dict (tensors, storages, {@code collections.OrderedDict}). Loading such a file in Python would run
 * code chosen by whoever made it, so it is refused without interpreting any further.
 */
public class UnsafePickleException extends CheckpointException {

	private final String global;

	public UnsafePickleException(final Path file, final String global) {
		super(file, "its pickle data refers to the Python global '" + global +
			"', which is not allowed. The file is not a plain PyTorch state dict and may be malicious " +
			"(unpickling it in Python could run arbitrary code); it will not be loaded. If you trust the " +
			"file, load it in Python and save only the weights: torch.save(model.state_dict(), 'weights.pth').");
		this.global = global;
	}

	/** The refused global as {@code module.name}, with control characters escaped. */
	public String global() {
		return global;
	}
}
