package org.restorej.data;

import org.restorej.array.NhwcArray;

/**
 * A degraded image and its clean counterpart of the same size, each a batch of one, intensities scaled to
 * what the network sees (e.g. raw 16-bit values divided by 65535).
 */
public record ImagePair(String name, NhwcArray degraded, NhwcArray clean) {

	public ImagePair {
		if (degraded.batch() != 1 || clean.batch() != 1) throw new IllegalArgumentException(
			"an image pair holds single images");
		if (degraded.height() != clean.height() || degraded.width() != clean.width())
			throw new DataException("The images of pair '" + name + "' differ in size (" + degraded.height() + "x" +
				degraded.width() + " vs " + clean.height() + "x" + clean.width() + "): pairs must be registered " +
				"images of the same field of view.");
	}

	public int height() {
		return clean.height();
	}

	public int width() {
		return clean.width();
	}
}
