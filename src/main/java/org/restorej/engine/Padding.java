package org.restorej.engine;

/**
 * What the network sees beyond the image on the model's canvas (see
 * {@link org.restorej.engine.tiling.Canvas}). Only an untiled pass (one tile covering the canvas) of a
 * model whose official pass does not mirror (AST: zeros) tells the two apart: tiles always see the
 * image's mirror image.
 */
public enum Padding {
	/**
	 * As the model's official untiled pass fills its canvas (Restormer: reflection; AST: zeros), so that
	 * an untiled restore is that pass.
	 */
	OFFICIAL,
	/** The image's mirror image also in an untiled pass: AST restores its borders better so (measured). */
	MIRROR
}
