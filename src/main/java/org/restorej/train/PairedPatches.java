package org.restorej.train;

import java.util.List;
import java.util.SplittableRandom;

import org.restorej.data.DataException;
import org.restorej.data.ImagePair;

/** Aligned random crops of registered image pairs; larger images are drawn proportionally more often. */
public final class PairedPatches implements PatchSource {

	private final List<ImagePair> pairs;
	private final long[] cumulativeArea;

	public PairedPatches(final List<ImagePair> pairs) {
		if (pairs.isEmpty()) throw new DataException("No training pairs: give a folder with at least one pair.");
		this.pairs = List.copyOf(pairs);
		cumulativeArea = new long[pairs.size()];
		long a = 0;
		for (int i = 0; i < pairs.size(); i++) {
			final ImagePair p = pairs.get(i);
			if (p.degraded().channels() != pairs.get(0).degraded().channels() || p.clean().channels() != pairs.get(0)
				.clean().channels()) throw new DataException("Pair '" + p.name() + "' has other channel counts than '" +
					pairs.get(0).name() + "': all pairs must have the same channels.");
			a += (long) p.height() * p.width();
			cumulativeArea[i] = a;
		}
	}

	@Override
	public int inputChannels() {
		return pairs.get(0).degraded().channels();
	}

	@Override
	public int outputChannels() {
		return pairs.get(0).clean().channels();
	}

	@Override
	public int maxPatch() {
		return pairs.stream().mapToInt(p -> Math.min(p.height(), p.width())).min().orElse(0);
	}

	@Override
	public Patch draw(final int size, final SplittableRandom random) {
		final long r = random.nextLong(cumulativeArea[cumulativeArea.length - 1]);
		int i = 0;
		while (cumulativeArea[i] <= r)
			i++;
		final ImagePair p = pairs.get(i);
		final int top = random.nextInt(p.height() - size + 1), left = random.nextInt(p.width() - size + 1);
		return new Patch(p.degraded().crop(top, left, size, size).data(), p.clean().crop(top, left, size, size)
			.data());
	}

	@Override
	public String describe() {
		return pairs.size() + " registered image pairs";
	}
}
