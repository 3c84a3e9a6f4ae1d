package org.restorej.spark;

import java.nio.file.Files;
import java.nio.file.Path;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.restorej.engine.Axes;
import org.restorej.engine.Restorer;
import org.restorej.engine.device.ModelLoader;
import org.restorej.engine.device.PlacedModel;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.local.EngineOptions;

/** Inputs for the Spark tests, and the single-machine restore their outputs must equal. */
final class Reference {

	private Reference() {}

	/** A {@code width x height} 16-bit OME-Zarr image with {@code channels} channels (XYC), smooth with noise. */
	static Path input(final Path dir, final long width, final long height, final long channels, final int chunk) {
		final ZarrIO.Image image = ZarrIO.createImage(dir, "XYC", new long[] { width, height, channels }, chunk, "<u2");
		final Img<UnsignedShortType> pixels = new ArrayImgFactory<>(new UnsignedShortType()).create(width, height,
			channels);
		final java.util.SplittableRandom r = new java.util.SplittableRandom(3);
		for (final UnsignedShortType p : pixels)
			p.set(0);
		final Cursor<UnsignedShortType> c = pixels.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			final double x = c.getDoublePosition(0), y = c.getDoublePosition(1), k = c.getDoublePosition(2);
			final double v = 20000 + 15000 * Math.sin(x / 9 + k) * Math.cos(y / 13) + 3000 * r.nextGaussian();
			c.get().set((int) Math.max(0, Math.min(65535, Math.round(v))));
		}
		ZarrIO.write(image.level0(), new long[3], pixels);
		return dir;
	}

	/** What one machine's engine makes of the whole input with these settings (a restore of the image in memory). */
	static <T extends RealType<T> & NativeType<T>, O extends RealType<O> & NativeType<O>> Img<O> restore(
		final Path input, final Path model, final RestoreSettings s)
	{
		final ZarrIO.Image in = ZarrIO.open(input);
		final RandomAccessibleInterval<T> image = ZarrIO.read(in.level0(), new long[in.level0().shape().length], in
			.level0().shape());
		try (PlacedModel placed = ModelLoader.load(model, EngineOptions.execution(s), m -> {})) {
			final Restorer restorer = Restorer.of(placed);
			final Axes axes = Axes.of(in.letters());
			final O type = ZarrIO.type(ZarrIO.outputDtype(in, s));
			final Img<O> out = new ArrayImgFactory<>(type).create(restorer.outputDimensions(image, axes));
			restorer.restore(image, axes, out, EngineOptions.restore(s, in.width(), in.height(), input.getFileName()
				.toString(), RunMonitor.SILENT));
			return out;
		}
	}

	/** Pixels of level 0 of {@code output} that differ (bit for bit) from {@code expected}. */
	static <T extends RealType<T> & NativeType<T>, O extends RealType<O>> long differing(final Path output,
		final Img<O> expected)
	{
		final ZarrIO.Image out = ZarrIO.open(output);
		final Img<T> got = ZarrIO.read(out.level0(), new long[out.level0().shape().length], out.level0().shape());
		if (!java.util.Arrays.equals(got.dimensionsAsLongArray(), expected.dimensionsAsLongArray()))
			return Long.MAX_VALUE;
		long n = 0;
		final Cursor<O> c = expected.localizingCursor();
		final RandomAccess<T> ra = got.randomAccess();
		while (c.hasNext()) {
			c.fwd();
			ra.setPosition(c);
			if (Double.doubleToLongBits(c.get().getRealDouble()) != Double.doubleToLongBits(ra.get().getRealDouble())) n++;
		}
		return n;
	}

	static boolean exists(final Path p) {
		return Files.exists(p);
	}
}
