package org.restorej.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.restorej.array.NhwcArray;
import org.restorej.data.Camera;
import org.restorej.data.CleanImageScenes;
import org.restorej.data.ImagePair;
import org.restorej.data.SceneFamily;
import org.restorej.data.SeedMixer;
import org.restorej.engine.normalize.Affine;
import org.restorej.engine.normalize.ArrayNormalization;
import org.restorej.engine.normalize.Normalization;
import org.restorej.model.ModelDescription;

/**
 * Training data for blind models: scenes of every training {@link SceneFamily}, each draw acquired by a
 * fresh random {@link Camera} (1 to 1000 photons, read noise, offset, gain, 8 or 16 bits) and normalised
 * as the model will be used: the percentiles of the noisy acquisition map it to [0, 1] and the clean image
 * goes through the same map. So the network never needs to know the camera's scale.
 */
public final class BlindPatches implements PatchSource {

	/** The percentiles the blind models declare (per image, all channels together). */
	public static final double LOW_PERCENTILE = 1, HIGH_PERCENTILE = 99.8;
	public static final ModelDescription.Normalization DECLARED = ModelDescription.Normalization.percentile(
		LOW_PERCENTILE, HIGH_PERCENTILE, ModelDescription.Normalization.IMAGE, false);
	private static final Normalization MAPPING = Normalization.percentile(LOW_PERCENTILE, HIGH_PERCENTILE);
	private static final ModelDescription.ValueRange UNIT = new ModelDescription.ValueRange(0, 1, 1, null);
	/** Percentiles are taken over a region around the patch at least this large, closer to a whole image. */
	private static final int CONTEXT = 128;

	private final int size;
	private final long seed;
	private final List<float[]> scenes = new ArrayList<>();
	private final CleanImageScenes real;
	private final double realShare;

	/** {@code count} training scenes of {@code size x size}, the families taking turns. */
	public BlindPatches(final int count, final int size, final long seed) {
		this(count, size, seed, null, 0);
	}

	/**
	 * As {@link #BlindPatches(int, int, long)}, and a {@code realShare} of the patches cut from {@code real}
	 * images instead (null: none), acquired by the same random cameras. Crops are up to {@code size} wide: every
	 * image of {@code real} must be at least that large ({@link CleanImageScenes#load}'s {@code minSide}).
	 */
	public BlindPatches(final int count, final int size, final long seed, final CleanImageScenes real,
		final double realShare)
	{
		if (!(realShare >= 0 && realShare <= 1)) throw new IllegalArgumentException("share of real images " + realShare);
		this.size = size;
		this.seed = seed;
		this.real = realShare > 0 ? real : null;
		this.realShare = this.real == null ? 0 : realShare;
		final List<SceneFamily> families = SceneFamily.training();
		for (int i = 0; i < count; i++)
			scenes.add(families.get(i % families.size()).render(size, size, SeedMixer.mix(seed, 0, i, 1)));
	}

	/** Validation images of another seed stream than the training scenes, each with its own camera. */
	public static List<ImagePair> validation(final int count, final int size, final long seed) {
		final List<SceneFamily> families = SceneFamily.training();
		final List<ImagePair> out = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			final SplittableRandom r = new SplittableRandom(SeedMixer.mix(seed, 1, i, 2));
			final float[] scene = families.get(i % families.size()).render(size, size, SeedMixer.mix(seed, 1, i, 1));
			final Patch p = normalised(Camera.draw(r), scene, size, r);
			out.add(new ImagePair(String.format(Locale.ROOT, "validation-%03d", i), new NhwcArray(1, size, size, 1, p
				.degraded()), new NhwcArray(1, size, size, 1, p.clean())));
		}
		return out;
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
		return size;
	}

	@Override
	public Patch draw(final int patch, final SplittableRandom random) {
		final int context = Math.min(size, Math.max(CONTEXT, 2 * patch));
		final float[] crop;
		if (real != null && random.nextDouble() < realShare) crop = real.crop(context, random);
		else {
			final float[] scene = scenes.get(random.nextInt(scenes.size()));
			final int top = random.nextInt(size - context + 1), left = random.nextInt(size - context + 1);
			crop = SyntheticPatches.crop(scene, size, top, left, context);
		}
		final Patch region = normalised(Camera.draw(random), crop, context, random);
		final int y = random.nextInt(context - patch + 1), x = random.nextInt(context - patch + 1);
		return new Patch(SyntheticPatches.crop(region.degraded(), context, y, x, patch), SyntheticPatches.crop(region
			.clean(), context, y, x, patch));
	}

	/** A square scene acquired by the camera; both images through the noisy one's percentile map. */
	static Patch normalised(final Camera camera, final float[] scene, final int side, final SplittableRandom random) {
		final NhwcArray noisy = new NhwcArray(1, side, side, 1, camera.acquire(scene, random));
		final NhwcArray clean = new NhwcArray(1, side, side, 1, camera.expected(scene));
		final Affine[] map = ArrayNormalization.forward(MAPPING, noisy, camera.maxValue(), UNIT);
		return new Patch(ArrayNormalization.apply(map, noisy).data(), ArrayNormalization.apply(map, clean).data());
	}

	@Override
	public String describe() {
		return String.format(Locale.ROOT, "blind synthetic acquisitions: %d training scenes of %dx%d (seed %d) of %s%s, " +
			"a random camera per patch (%s, read noise 0-10 e-, offset, gain, 8 or 16 bits), normalised by the noisy " +
			"image's %s-%s percentiles", scenes.size(), size, size, seed, SceneFamily.training(), real == null ? ""
				: String.format(Locale.ROOT, ", %s of the patches from crops of %s", fmt(realShare), real.describe()),
			Camera.drawnPhotons(), fmt(LOW_PERCENTILE), fmt(HIGH_PERCENTILE));
	}

	private static String fmt(final double v) {
		return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
	}
}
