package org.restorej.engine;

/** What a tile reads beyond the image, on the model's canvas (see {@link org.restorej.engine.tiling.Canvas}). */
public enum Padding {
	/**
	 * As the model's official untiled pass fills its canvas: Restormer's reflection, AST's zeros. The
	 * untiled restore is then the official pass.
	 */
	OFFICIAL,
	/** The image's mirror image, whatever the model's official pass does (AST: instead of zeros). */
	MIRROR
}
