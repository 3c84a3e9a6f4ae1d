package org.restorej.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.restorej.array.NhwcArray;

/**
 * The evaluation set of the blind models, from another distribution than their training data: only the
 * held-out {@link SceneFamily} families, non-square images of another size, and cameras of their own seed
 * stream at fixed photon levels (one image in three 8-bit). Raw camera values in ADU.
 */
public final class HeldOutAcquisitions {

	/** Photons at the brightest pixel, one table row each. */
	public static final List<Double> PHOTON_LEVELS = List.of(1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0);
	public static final long SEED = 20261202L;
	public static final int HEIGHT = 160, WIDTH = 200, PER_FAMILY = 2;
	private static final int FIRST_FAMILY_KEY = 7;

	private HeldOutAcquisitions() {}

	/** {@value #PER_FAMILY} images of each held-out family at this photon level. */
	public static List<Acquisition> at(final double photons) {
		final List<Acquisition> out = new ArrayList<>();
		int index = 0;
		for (final SceneFamily f : SceneFamily.evaluation())
			for (int k = 0; k < PER_FAMILY; k++, index++) {
				final long key = Double.doubleToLongBits(photons);
				// the scene's seed must not move when training families are added: 7, 8, 9 for the held-out ones
				final float[] scene = f.render(HEIGHT, WIDTH, SeedMixer.mix(SEED, FIRST_FAMILY_KEY + SceneFamily.evaluation()
					.indexOf(f), k, 1));
				final SplittableRandom r = new SplittableRandom(SeedMixer.mix(SEED, key, index, 2));
				final Camera camera = camera(photons, index % 3 == 2, r);
				out.add(new Acquisition(String.format(Locale.ROOT, "%s-%d-%gph", f.name().toLowerCase(Locale.ROOT), k,
					photons), f.name(), camera, new NhwcArray(1, HEIGHT, WIDTH, 1, camera.expected(scene)), new NhwcArray(1,
						HEIGHT, WIDTH, 1, camera.acquire(scene, r))));
			}
		return out;
	}

	/** Read noise 0-10 e-; 16-bit: offset 50-500 ADU, gain 0.5-100 ADU/e-; 8-bit: the brightest pixel at 30-100 %. */
	static Camera camera(final double photons, final boolean eightBit, final SplittableRandom r) {
		final double readNoise = r.nextDouble(0, 10);
		if (eightBit) {
			final double offset = r.nextDouble(0, 15);
			return new Camera(photons, readNoise, offset, r.nextDouble(0.3, 1) * (255 - offset) / photons, 8);
		}
		final double offset = r.nextDouble(50, 500);
		final double gain = Math.exp(r.nextDouble(Math.log(0.5), Math.log(100)));
		return new Camera(photons, readNoise, offset, Math.min(gain, (65000 - offset) / photons), 16);
	}
}
