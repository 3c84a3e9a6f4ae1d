package org.restorej.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import org.restorej.runtime.NhwcArray;

/**
 * Noise2Void's blind-spot masking (Krull et al., CVPR 2019): one pixel in every {@link #GRID}x{@link #GRID}
 * cell of a noisy crop is replaced by a random other pixel of its 5x5 neighbourhood; the target holds the
 * original values at those pixels and NaN elsewhere (not scored).
 */
public final class BlindSpotPatches implements PatchSource {

	static final int GRID = 8, RADIUS = 2;

	private final NoisyImages images;

	public BlindSpotPatches(final NoisyImages images) {
		this.images = images;
	}

	@Override
	public int inputChannels() {
		return images.channels();
	}

	@Override
	public int outputChannels() {
		return images.channels();
	}

	@Override
	public int maxPatch() {
		return images.smallestSide();
	}

	@Override
	public boolean partialTargets() {
		return true;
	}

	@Override
	public Patch draw(final int size, final SplittableRandom random) {
		final NhwcArray p = images.planes().get(random.nextInt(images.planes().size()));
		final int top = random.nextInt(p.height() - size + 1), left = random.nextInt(p.width() - size + 1);
		final NhwcArray crop = p.crop(top, left, size, size);
		final int c = crop.channels();
		final float[] in = crop.data().clone(), target = new float[in.length];
		Arrays.fill(target, Float.NaN);
		for (int gy = 0; gy < size; gy += GRID)
			for (int gx = 0; gx < size; gx += GRID) {
				final int y = gy + random.nextInt(Math.min(GRID, size - gy)), x = gx + random.nextInt(Math.min(GRID, size -
					gx));
				int sy, sx;
				do {
					sy = Math.max(0, Math.min(size - 1, y + random.nextInt(2 * RADIUS + 1) - RADIUS));
					sx = Math.max(0, Math.min(size - 1, x + random.nextInt(2 * RADIUS + 1) - RADIUS));
				}
				while (sy == y && sx == x);
				System.arraycopy(crop.data(), (y * size + x) * c, target, (y * size + x) * c, c);
				System.arraycopy(crop.data(), (sy * size + sx) * c, in, (y * size + x) * c, c);
			}
		return new Patch(in, target);
	}

	@Override
	public String describe() {
		return String.format(Locale.ROOT, "%d noisy plane(s), Noise2Void blind-spot masking", images.planes().size());
	}
}
