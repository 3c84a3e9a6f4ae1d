package org.restorej.tiff.read;

/** Decompresses one tile or strip. Implementations keep no state between calls, so one serves all threads. */
interface BlockDecoder {

	/**
	 * Decodes {@code in} into {@code out}, stopping when {@code out} is full, and returns the bytes written.
	 *
	 * @throws CorruptBlockException when the data do not follow the compression's format
	 */
	int decode(byte[] in, byte[] out) throws CorruptBlockException;

	/** The decoder of a TIFF Compression value, or null if RestoreJ does not read it. */
	static BlockDecoder of(final int compression) {
		return switch (compression) {
			case 1 -> (in, out) -> {
				final int n = Math.min(in.length, out.length);
				System.arraycopy(in, 0, out, 0, n);
				return n;
			};
			case 5 -> new LzwDecoder();
			case 8, 32946 -> new DeflateDecoder();
			case 32773 -> new PackBitsDecoder();
			default -> null;
		};
	}

	/**
	 * How many times its stored size a block of this compression can decode to at most, so that a block
	 * whose declared size could not come from its stored bytes is refused before its buffer is allocated:
	 * deflate's longest match costs at least a bit per 258 bytes (1032), an LZW code of at least 9 bits
	 * gives at most a 4096-byte string (3641), a PackBits run of 2 bytes gives 128 (64).
	 */
	static long maxExpansion(final int compression) {
		return switch (compression) {
			case 5 -> 3641;
			case 8, 32946 -> 1032;
			case 32773 -> 64;
			default -> 1;
		};
	}

	/** Compressed data that cannot be decoded; the caller names the block and the file. */
	final class CorruptBlockException extends Exception {
		CorruptBlockException(final String problem) {
			super(problem);
		}
	}
}
