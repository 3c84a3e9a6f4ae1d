package org.restorej.train;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.restorej.array.NhwcArray;
import org.restorej.data.ImagePair;

/**
 * Self-supervised pairs from noisy images alone, by Neighbor2Neighbor's sub-sampling (Huang et al., CVPR
 * 2021): a crop of twice the patch side is cut into 2x2 cells, and in every cell two different, adjacent
 * pixels are picked at random, one for the input image and the other for the target. The two half-size
 * images show the same content with independent noise, so a network trained to map one to the other (with
 * a squared loss) learns the noise-free mean, and the target pixel is never one the input contains.
 */
public final class NeighborSubsampledPatches implements PatchSource {

	/** The 8 ordered pairs of 4-adjacent positions in a 2x2 cell, as (dy, dx) of the input then the target. */
	private static final int[][] PAIRS = { { 0, 0, 0, 1 }, { 0, 1, 0, 0 }, { 0, 0, 1, 0 }, { 1, 0, 0, 0 }, { 0, 1, 1,
		1 }, { 1, 1, 0, 1 }, { 1, 0, 1, 1 }, { 1, 1, 1, 0 } };

	private final NoisyImages images;
	private final long[] cumulativeArea;

	public NeighborSubsampledPatches(final NoisyImages images) {
		this.images = images;
		cumulativeArea = new long[images.planes().size()];
		long a = 0;
		for (int i = 0; i < cumulativeArea.length; i++) {
			final NhwcArray p = images.planes().get(i);
			a += (long) p.height() * p.width();
			cumulativeArea[i] = a;
		}
	}

	/** Pixels of all training planes together. */
	public long pixels() {
		return cumulativeArea.length == 0 ? 0 : cumulativeArea[cumulativeArea.length - 1];
	}

	@Override
	public int inputChannels() {
		return images.channels();
	}

	@Override
	public int outputChannels() {
		return images.channels();
	}

	/** Half the smallest side: a patch is sub-sampled from a crop twice its size. */
	@Override
	public int maxPatch() {
		return images.smallestSide() / 2;
	}

	@Override
	public Patch draw(final int size, final SplittableRandom random) {
		final long r = random.nextLong(cumulativeArea[cumulativeArea.length - 1]);
		int i = 0;
		while (cumulativeArea[i] <= r)
			i++;
		final NhwcArray p = images.planes().get(i);
		final int side = 2 * size;
		final int top = random.nextInt(p.height() - side + 1), left = random.nextInt(p.width() - side + 1);
		final ImagePair pair = subsample(p.crop(top, left, side, side), random);
		return new Patch(pair.degraded().data(), pair.clean().data());
	}

	/**
	 * The two half-size images of {@code image} (batch 1, even sides): input ("degraded") and target ("clean"),
	 * a random pair of adjacent pixels of every 2x2 cell.
	 */
	public static ImagePair subsample(final NhwcArray image, final SplittableRandom random) {
		final int h = image.height() / 2, w = image.width() / 2, c = image.channels();
		final NhwcArray in = NhwcArray.zeros(1, h, w, c), target = NhwcArray.zeros(1, h, w, c);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int[] pick = PAIRS[random.nextInt(PAIRS.length)];
				System.arraycopy(image.data(), ((2 * y + pick[0]) * image.width() + 2 * x + pick[1]) * c, in.data(), (y *
					w + x) * c, c);
				System.arraycopy(image.data(), ((2 * y + pick[2]) * image.width() + 2 * x + pick[3]) * c, target.data(),
					(y * w + x) * c, c);
			}
		return new ImagePair("sub-sampled", in, target);
	}

	/**
	 * Validation without clean data: fixed sub-sampled pairs of the held-out planes, whose PSNR of the
	 * network's output against the target half is the held-out self-supervised loss ({@code -10 log10 MSE}).
	 */
	public static List<ImagePair> validationPairs(final List<NhwcArray> heldOut, final long seed) {
		final SplittableRandom random = new SplittableRandom(seed);
		return heldOut.stream().map(p -> subsample(p.crop(0, 0, p.height() / 2 * 2, p.width() / 2 * 2), random))
			.toList();
	}

	@Override
	public String validationName() {
		return "held-out self-supervised PSNR";
	}

	@Override
	public String describe() {
		return String.format(Locale.ROOT, "%d noisy plane(s) from %d file(s), Neighbor2Neighbor sub-sampled pairs " +
			"(self-supervised)", images.planes().size(), images.files());
	}
}
