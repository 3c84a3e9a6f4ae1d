package org.restorej.train;

import java.util.SplittableRandom;


/** Where training patches come from: random, aligned degraded/clean crops of a given side. */
public interface PatchSource {

	/** Aligned crops, single images in NHWC order ({@code size * size * channels} values each). */
	record Patch(float[] degraded, float[] clean) {}

	int inputChannels();

	int outputChannels();

	/** The largest patch side every image allows. */
	int maxPatch();

	Patch draw(int size, SplittableRandom random);

	String VALIDATION_PSNR = "val PSNR";

	/** What the validation figure (PSNR of the output against the validation targets) measures, for progress lines. */
	default String validationName() {
		return VALIDATION_PSNR;
	}

	/** One line saying what the data is, for logs and model cards. */
	String describe();

}
