package org.restorej.train;

import java.util.SplittableRandom;

import org.restorej.model.ModelDescription;

/** Where training patches come from: random, aligned degraded/clean crops of a given side. */
public interface PatchSource {

	/** Aligned crops, single images in NHWC order ({@code size * size * channels} values each). */
	record Patch(float[] degraded, float[] clean) {}

	int inputChannels();

	int outputChannels();

	/** The largest patch side every image allows. */
	int maxPatch();

	Patch draw(int size, SplittableRandom random);

	/** One line saying what the data is, for logs and model cards. */
	String describe();

	/**
	 * How the patches' inputs were mapped from raw values, for the exported model.json to declare; null for
	 * the data's fixed scale (the pixel type's range).
	 */
	default ModelDescription.Normalization declaredNormalization() {
		return null;
	}
}
