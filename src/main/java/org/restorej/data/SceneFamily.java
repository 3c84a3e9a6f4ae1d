package org.restorej.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Kinds of noise-free content, relative intensities in [0, 1]. The first seven are the training
 * distribution of the blind models; the last three are held out of training (other structures, other
 * statistics) and make the evaluation set, so that the figures measure images of another origin.
 */
public enum SceneFamily {
	/** {@link SyntheticScene}: membranes, filaments and spots on autofluorescence. */
	FLUORESCENCE(false),
	/** Nuclei with chromatin texture, sparse to crowded, on a dark background. */
	NUCLEI(false),
	/** Stars (power-law fluxes, Gaussian PSF) on a dark, faintly uneven sky. */
	POINT_SOURCES(false),
	/** Natural-image-like 1/f texture: octaves of smooth value noise. */
	PINK_NOISE(false),
	/** Dead leaves: overlapping discs, rectangles and triangles with flat or graded fills. */
	SHAPES(false),
	/** Smooth gradients and broad bumps. */
	GRADIENT(false),
	/** Dense textures: random oriented gratings (periods 3 to 24 px) under smooth envelopes, some Gabor patches. */
	TEXTURE(false),
	/** Held out: packed epithelium-like cells (Voronoi) with bright borders, nuclei and granular cytoplasm. */
	TISSUE(true),
	/** Held out: a dense mesh of long, straight-ish fibres over a fine periodic grating. */
	FIBRES(true),
	/** Held out: elliptical galaxies with exponential profiles and stars with a broad-winged (Moffat) PSF. */
	GALAXIES(true);

	private final boolean heldOut;

	SceneFamily(final boolean heldOut) {
		this.heldOut = heldOut;
	}

	public boolean heldOut() {
		return heldOut;
	}

	public static List<SceneFamily> training() {
		return List.of(values()).stream().filter(f -> !f.heldOut).toList();
	}

	public static List<SceneFamily> evaluation() {
		return List.of(values()).stream().filter(f -> f.heldOut).toList();
	}

	/** The scene of {@code height x width} pixels for a seed, row-major; the same seed gives the same image. */
	public float[] render(final int height, final int width, final long seed) {
		if (this == FLUORESCENCE) return SyntheticScene.render(height, width, seed);
		return ProceduralScenes.render(this, height, width, new SplittableRandom(seed));
	}
}
