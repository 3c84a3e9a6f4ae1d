package org.restorej.data;

/** Independent seeds derived from a base seed and indices, so that any image can be made on its own. */
public final class SeedMixer {

	private SeedMixer() {}

	/** A well-mixed 64-bit value of all parts (SplitMix64's finaliser, applied per part). */
	public static long mix(final long... parts) {
		long h = 0x632BE59BD9B4E019L;
		for (final long p : parts) {
			h ^= p + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2);
			h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
			h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
			h ^= h >>> 31;
		}
		return h;
	}
}
