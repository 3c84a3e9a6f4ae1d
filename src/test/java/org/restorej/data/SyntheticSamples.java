package org.restorej.data;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes a synthetic degraded/clean pair as 16-bit TIFFs: how the bundled samples in {@code models/samples}
 * were made. They come from the test split, which training never draws from.
 */
public final class SyntheticSamples {

	private SyntheticSamples() {}

	public static ImagePair write(final Degradation degradation, final int size, final long seed,
		final Path degradedTiff, final Path cleanTiff)
	{
		final ImagePair p = new SyntheticDataset(degradation, size, seed, SyntheticDataset.Split.TEST).pair(0);
		TiffImages.write16Bit(p.degraded(), degradedTiff);
		TiffImages.write16Bit(p.clean(), cleanTiff);
		return p;
	}

	/**
	 * {@code SyntheticSamples PHOTONS READ_NOISE PSF SIZE SEED DEGRADED.tif CLEAN.tif}, e.g. {@code 20 1.5 none 512
	 * 7 noisy.tif clean.tif}.
	 */
	public static void main(final String... a) {
		write(new Degradation(Double.parseDouble(a[0]), Double.parseDouble(a[1]), PointSpreadFunction.parse(a[2])),
			Integer.parseInt(a[3]), Long.parseLong(a[4]), Paths.get(a[5]), Paths.get(a[6]));
	}
}
