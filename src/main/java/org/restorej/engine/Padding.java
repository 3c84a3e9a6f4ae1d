package org.restorej.engine;

/**
 * What the network sees beyond the image on the model's canvas (see
 * {@link org.restorej.engine.tiling.Canvas}). Only an untiled pass (one tile covering the canvas) of a
 * model whose declared pass does not mirror (official AST checkpoints: zeros) tells the two apart:
 * tiles always see the image's mirror image.
 */
public enum Padding {
	/**
	 * As the model's declared untiled pass fills its canvas ({@code size.officialHandling}: Restormer and
	 * the models RestoreJ trains reflect; official AST checkpoints use zeros), so that an untiled restore
	 * is that pass.
	 */
	OFFICIAL,
	/** The image's mirror image also in an untiled pass: AST restores its borders better so (measured). */
	MIRROR
}
