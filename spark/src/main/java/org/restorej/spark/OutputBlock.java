package org.restorej.spark;

import java.io.Serializable;

/**
 * A rectangle of one pyramid level of the output, in every plane: whole output chunks (partial only at
 * the image's right and bottom edges), written by exactly one task.
 *
 * @param level pyramid level, 0 the full resolution
 * @param index place in the level's raster order of blocks
 */
public record OutputBlock(int level, int index, long x, long y, long width, long height) implements Serializable {

	@Override
	public String toString() {
		return "#" + index + " of level " + level + " (x " + x + ".." + (x + width - 1) + ", y " + y + ".." + (y +
			height - 1) + ")";
	}
}
