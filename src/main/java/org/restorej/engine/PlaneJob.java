package org.restorej.engine;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.Dimensions;

import org.restorej.model.ModelDescription;

/**
 * One run of the tiler over an XY plane: a Z plane of a time frame, and the channels that go to the
 * network together (one channel at a time for a 1-channel model, all of them for a multi-channel
 * model). Indices are 0-based from the image's min.
 *
 * @param plane index of the (Z, time) plane, for per-plane normalisation
 * @param inputChannels channel indices fed to the network, in order
 * @param outputChannels channel indices of the output the network's channels go to, in order
 */
record PlaneJob(long z, long time, long plane, long[] inputChannels, long[] outputChannels) {

	/**
	 * The jobs that restore an image, Z fastest, then time, then channel.
	 *
	 * @throws ChannelCountException if the image's channels do not fit the model
	 */
	static List<PlaneJob> of(final Dimensions image, final Axes axes, final ModelDescription model,
		final String imageName)
	{
		final long channels = size(image, axes.channel()), zs = size(image, axes.z()), ts = size(image, axes.time());
		final int in = model.input().count(), out = model.output().count();
		final List<long[][]> groups = new ArrayList<>();
		if (in == 1 && out == 1) for (long c = 0; c < channels; c++)
			groups.add(new long[][] { { c }, { c } });
		else if (channels == in && (axes.hasChannels() || out == 1)) groups.add(new long[][] { range(in), range(
			out) });
		else throw new ChannelCountException(imageName, channels, model.name(), in, model.input().meaning() ==
			null ? null : String.join(", ", model.input().meaning()));
		final List<PlaneJob> jobs = new ArrayList<>();
		for (final long[][] g : groups)
			for (long t = 0; t < ts; t++)
				for (long z = 0; z < zs; z++)
					jobs.add(new PlaneJob(z, t, t * zs + z, g[0], g[1]));
		return jobs;
	}

	/**
	 * The line every front end logs when a one-channel model restores an image of several channels (RGB
	 * among them) one channel at a time, or null when the model sees all channels together.
	 */
	static String channelNote(final Dimensions image, final Axes axes, final ModelDescription model,
		final String imageName)
	{
		final long channels = size(image, axes.channel());
		if (channels < 2 || model.input().count() != 1 || model.output().count() != 1) return null;
		return imageName + " has " + channels + " channels and " + model.name() + " takes one: each channel is " +
			"restored separately, and the result has the same " + channels + " channels";
	}

	/** Dimensions of the restored image: the input's, with the model's output channels if it takes several. */
	static long[] outputDimensions(final Dimensions image, final Axes axes, final ModelDescription model) {
		final long[] dims = image.dimensionsAsLongArray();
		if ((model.input().count() != 1 || model.output().count() != 1) && axes.hasChannels()) dims[axes.channel()] = model.output().count();
		return dims;
	}

	private static long size(final Dimensions image, final int d) {
		return d < 0 ? 1 : image.dimension(d);
	}

	private static long[] range(final int n) {
		final long[] r = new long[n];
		for (int i = 0; i < n; i++)
			r[i] = i;
		return r;
	}
}
