package org.restorej.engine;

import org.restorej.RestoreJException;

/** The image has a number of channels the model cannot take. */
public class ChannelCountException extends RestoreJException {

	public ChannelCountException(final String image, final long imageChannels, final String model,
		final int modelChannels, final String meaning)
	{
		super("The model " + model + " takes " + modelChannels + " channel(s)" + (meaning == null ? "" : " (" +
			meaning + ")") + ", but the image " + image + " has " + imageChannels + (imageChannels == 1
				? " (or no channel axis)" : "") + ". " + remedy(modelChannels));
	}

	private static String remedy(final int modelChannels) {
		if (modelChannels == 6) return "The dual-pixel model needs the left and right views as 6 channels " +
			"(left R, G, B, right R, G, B) on a channel axis.";
		if (modelChannels == 3) return "Give an RGB image with its 3 channels on a channel axis (e.g. axes XYC), " +
			"or choose a grey-level model.";
		return "Give an image with " + modelChannels + " channels on a channel axis, or choose a model for " +
			"this kind of image.";
	}
}
