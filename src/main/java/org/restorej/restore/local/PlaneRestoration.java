package org.restorej.restore.local;

import net.imglib2.FinalDimensions;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.planar.PlanarImg;

import org.restorej.engine.Axes;
import org.restorej.engine.RestoreOptions;
import org.restorej.engine.Restorer;
import org.restorej.imagej.ImageLayout;
import org.restorej.imagej.PixelKind;
import org.restorej.restore.RestoreSettings.OutputType;

/** Runs the engine over ImageJ-ordered planes (see {@link PlanarImages}), in this JVM. */
public final class PlaneRestoration {

	private PlaneRestoration() {}

	/**
	 * The axes the engine sees an image of {@code input} with: X and Y, then C, Z and T in ImageJ's
	 * order where larger than 1. Leaving out axes of size 1 also keeps ImgLib2's bulk reader away from
	 * mirroring a dimension of size 1, which it cannot do.
	 */
	public static Axes axes(final ImageLayout input) {
		return Axes.of("XY" + (input.channels() > 1 ? "C" : "") + (input.slices() > 1 ? "Z" : "") + (input
			.frames() > 1 ? "T" : ""));
	}

	/** The planes {@code restorer} makes from {@code input}: the model's channel count, the chosen type. */
	public static ImageLayout outputLayout(final Restorer restorer, final ImageLayout input, final OutputType type) {
		final Axes axes = axes(input);
		final long[] dims = restorer.outputDimensions(new FinalDimensions(PlanarImages.dimensions(input, axes)), axes);
		final int channels = axes.hasChannels() ? Math.toIntExact(dims[axes.channel()]) : input.channels();
		return input.with(channels, type == OutputType.SAME ? input.kind() : PixelKind.FLOAT32);
	}

	/**
	 * Restores the planes of {@code input} into those of {@code output} (which has
	 * {@link #outputLayout}), both seen with the input's {@link #axes}.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static void restore(final Restorer restorer, final PlanarImg<?, ?> input, final PlanarImg<?, ?> output,
		final Axes axes, final RestoreOptions options)
	{
		restorer.restore((RandomAccessibleInterval) input, axes, (RandomAccessibleInterval) output, options);
	}
}
