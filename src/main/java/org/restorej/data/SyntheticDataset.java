package org.restorej.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.restorej.array.NhwcArray;

/**
 * Numbered pairs of {@link SyntheticScene} images and their {@link Degradation}, each made on its own from
 * the seed, the split and its index. Splits use different seed streams, so a test image can never be drawn
 * for training whatever seed training uses.
 *
 * @param size side of the square images
 */
public record SyntheticDataset(Degradation degradation, int size, long seed, Split split) {

	/** The seed of the held-out test set the bundled models are measured on. */
	public static final long TEST_SEED = 20261122L;
	/** Images in that test set, and their side. */
	public static final int TEST_COUNT = 16;
	public static final int TEST_SIZE = 256;

	public enum Split {
		TRAIN, VALIDATION, TEST
	}

	public SyntheticDataset {
		if (size < 8) throw new IllegalArgumentException("synthetic images must be at least 8 pixels: " + size);
	}

	/** The held-out test set for a degradation: {@value #TEST_COUNT} images of 256x256, seed {@value #TEST_SEED}. */
	public static SyntheticDataset testSet(final Degradation degradation) {
		return new SyntheticDataset(degradation, TEST_SIZE, TEST_SEED, Split.TEST);
	}

	/** The clean sample of image {@code index}, quantised to 16 bits like the degraded one. */
	public float[] clean(final int index) {
		final float[] s = SyntheticScene.render(size, size, SeedMixer.mix(seed, split.ordinal(), index, 1));
		for (int i = 0; i < s.length; i++)
			s[i] = Degradation.quantise16(s[i]);
		return s;
	}

	/** The random source of the noise of image {@code index}. */
	public SplittableRandom noise(final int index) {
		return new SplittableRandom(SeedMixer.mix(seed, split.ordinal(), index, 2));
	}

	public ImagePair pair(final int index) {
		final float[] clean = clean(index);
		final float[] degraded = degradation.apply(clean, size, size, noise(index));
		return new ImagePair(String.format("%s-%03d", split.name().toLowerCase(java.util.Locale.ROOT), index),
			new NhwcArray(1, size, size, 1, degraded), new NhwcArray(1, size, size, 1, clean));
	}

	public List<ImagePair> pairs(final int count) {
		final List<ImagePair> out = new ArrayList<>();
		for (int i = 0; i < count; i++)
			out.add(pair(i));
		return out;
	}
}
