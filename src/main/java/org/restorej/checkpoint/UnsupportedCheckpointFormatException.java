package org.restorej.checkpoint;

import java.nio.file.Path;

/**
 * The file is not malformed but in a format this reader does not handle (legacy pre-1.6
 * serialization, TorchScript archives, unsupported tensor types or pickle opcodes). The message
 * says how to convert it.
 */
public class UnsupportedCheckpointFormatException extends CheckpointException {

	public UnsupportedCheckpointFormatException(final Path file, final String problem) {
		super(file, problem);
	}
}
