package org.restorej.train;

import java.util.SplittableRandom;

import org.restorej.array.NhwcArray;
import org.restorej.data.SeedMixer;

/**
 * Training batches: random crops, each turned by one of the 8 rotations and flips of the square (the
 * papers' augmentation). The batch of step t depends only on the seed and t, so a resumed run sees exactly
 * the batches an uninterrupted one would.
 */
public final class PatchSampler {

	/** Degraded and clean batches of the same shape. */
	public record Batch(NhwcArray degraded, NhwcArray clean) {}

	private final PatchSource source;
	private final long seed;

	public PatchSampler(final PatchSource source, final long seed) {
		this.source = source;
		this.seed = seed;
	}

	public Batch batch(final long step, final int patch, final int batchSize) {
		final SplittableRandom random = new SplittableRandom(SeedMixer.mix(seed, step));
		final int ci = source.inputChannels(), co = source.outputChannels();
		final NhwcArray in = NhwcArray.zeros(batchSize, patch, patch, ci);
		final NhwcArray out = NhwcArray.zeros(batchSize, patch, patch, co);
		for (int n = 0; n < batchSize; n++) {
			final PatchSource.Patch p = source.draw(patch, random);
			final int transform = random.nextInt(8);
			place(p.degraded(), patch, ci, transform, in.data(), n);
			place(p.clean(), patch, co, transform, out.data(), n);
		}
		return new Batch(in, out);
	}

	/** Copies a patch into batch slot n after rotating by {@code t % 4} quarter turns and, if t >= 4, a flip. */
	static void place(final float[] src, final int size, final int channels, final int t, final float[] dst,
		final int n)
	{
		final int base = n * size * size * channels;
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) {
				int sy = y, sx = x;
				if (t >= 4) sx = size - 1 - sx;
				for (int r = 0; r < t % 4; r++) {
					final int ty = sy;
					sy = size - 1 - sx;
					sx = ty;
				}
				System.arraycopy(src, (sy * size + sx) * channels, dst, base + (y * size + x) * channels, channels);
			}
	}
}
