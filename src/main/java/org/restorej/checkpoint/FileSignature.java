package org.restorej.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Recognises what a file is from its first bytes, so that non-zip inputs get a message that says
 * what they are instead of a generic zip error.
 */
final class FileSignature {

	private static final int SNIFF_BYTES = 512;

	private FileSignature() {}

	/** Returns normally if the file starts like a zip archive; throws a descriptive exception otherwise. */
	static void requireZip(final Path file) {
		if (!Files.exists(file)) throw new CheckpointException(file, "the file does not exist");
		if (Files.isDirectory(file)) throw new CheckpointException(file, "it is a directory, not a file");
		final byte[] head;
		try (InputStream in = Files.newInputStream(file)) {
			head = in.readNBytes(SNIFF_BYTES);
		}
		catch (final IOException e) {
			throw new CheckpointException(file, "the file cannot be read (" + e.getMessage() + ")", e);
		}
		if (head.length == 0) throw new CheckpointException(file, "the file is empty");
		if (isZip(head)) return;
		if (isPickle(head) || isTar(head))
			throw new UnsupportedCheckpointFormatException(file, "it is not a zip archive but a " +
				(isTar(head) ? "tar archive" : "bare pickle stream") + ", i.e. the legacy serialization " +
				"format of PyTorch before 1.6 (or torch.save(..., _use_new_zipfile_serialization=False)), " +
				"which is not supported. Re-save it with a modern PyTorch: torch.save(torch.load('old.pth', " +
				"map_location='cpu'), 'new.pth', _use_new_zipfile_serialization=True) - but only torch.load " +
				"files you trust, because loading a pickle in Python can run code.");
		throw new CheckpointException(file, "it is not a PyTorch checkpoint: a .pth file written by " +
			"torch.save (PyTorch 1.6 or later) is a zip archive, but this file starts with bytes " +
			hex(head, 8));
	}

	private static boolean isZip(final byte[] b) {
		// local file header, or the end record of an empty archive
		return b.length >= 4 && b[0] == 'P' && b[1] == 'K' &&
			((b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6));
	}

	private static boolean isPickle(final byte[] b) {
		// PROTO opcode with a protocol number; legacy torch.save starts with PROTO 2 and a magic LONG1
		return b.length >= 2 && (b[0] & 0xff) == PickleOpcodes.PROTO && b[1] >= 0 && b[1] <= 5;
	}

	private static boolean isTar(final byte[] b) {
		return b.length >= 262 && new String(b, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar");
	}

	private static String hex(final byte[] b, final int n) {
		final StringBuilder s = new StringBuilder();
		for (int i = 0; i < Math.min(n, b.length); i++)
			s.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xff));
		return s.toString();
	}
}
