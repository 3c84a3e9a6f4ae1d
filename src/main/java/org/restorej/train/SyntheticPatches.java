package org.restorej.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.restorej.data.Degradation;
import org.restorej.data.SyntheticDataset;

/**
 * Patches from a pool of synthetic training scenes with fresh noise at every draw: the pool's clean and
 * blurred images are made once, and each crop gets its own shot and read noise, so the network never sees
 * the same noisy patch twice (the data is as large as the number of steps asks for).
 */
public final class SyntheticPatches implements PatchSource {

	private final SyntheticDataset dataset;
	private final List<float[]> clean = new ArrayList<>();
	private final List<float[]> blurred = new ArrayList<>();

	public SyntheticPatches(final SyntheticDataset trainingSet, final int poolSize) {
		if (trainingSet.split() != SyntheticDataset.Split.TRAIN) throw new IllegalArgumentException(
			"training patches must come from the training split");
		this.dataset = trainingSet;
		final int n = trainingSet.size();
		for (int i = 0; i < poolSize; i++) {
			final float[] c = trainingSet.clean(i);
			clean.add(c);
			blurred.add(trainingSet.degradation().blurred(c, n, n));
		}
	}

	@Override
	public int inputChannels() {
		return 1;
	}

	@Override
	public int outputChannels() {
		return 1;
	}

	@Override
	public int maxPatch() {
		return dataset.size();
	}

	@Override
	public Patch draw(final int size, final SplittableRandom random) {
		final int i = random.nextInt(clean.size());
		final int n = dataset.size();
		final int top = random.nextInt(n - size + 1), left = random.nextInt(n - size + 1);
		final float[] target = crop(clean.get(i), n, top, left, size);
		final float[] noiseFree = crop(blurred.get(i), n, top, left, size);
		return new Patch(dataset.degradation().detect(noiseFree, random), target);
	}

	static float[] crop(final float[] image, final int width, final int top, final int left, final int size) {
		final float[] out = new float[size * size];
		for (int y = 0; y < size; y++)
			System.arraycopy(image, (top + y) * width + left, out, y * size, size);
		return out;
	}

	@Override
	public String describe() {
		return String.format(java.util.Locale.ROOT, "synthetic microscopy, %d training scenes of %dx%d (seed %d), " +
			"fresh noise per patch: %s", clean.size(), dataset.size(), dataset.size(), dataset.seed(), dataset
				.degradation());
	}
}
