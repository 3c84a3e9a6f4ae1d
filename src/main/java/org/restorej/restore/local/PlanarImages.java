package org.restorej.restore.local;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.basictypeaccess.nio.ByteBufferAccess;
import net.imglib2.img.basictypeaccess.nio.FloatBufferAccess;
import net.imglib2.img.basictypeaccess.nio.ShortBufferAccess;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;

import org.restorej.engine.Axes;
import org.restorej.imagej.ImageLayout;

/**
 * ImageJ-ordered planes seen as an ImgLib2 image without copying: a PlanarImg stores one array per
 * plane, in the order ImageJ stacks them, with the dimensions of the given axes (X, Y, then any of C,
 * Z, T in that order). The planes are Java arrays (an ImagePlus's
 * own) or byte buffers (a memory-mapped file shared with another process).
 */
public final class PlanarImages {

	private PlanarImages() {}

	/** Planes in {@code byte[]}, {@code short[]} or {@code float[]}, according to the layout's kind. */
	public static PlanarImg<?, ?> ofArrays(final ImageLayout layout, final Axes axes, final List<Object> planes) {
		final long[] dims = dimensions(layout, axes);
		switch (layout.kind()) {
			case UINT8: {
				final List<ByteArray> a = new ArrayList<>();
				planes.forEach(p -> a.add(new ByteArray((byte[]) p)));
				final PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(a, dims, new Fraction());
				img.setLinkedType(new UnsignedByteType(img));
				return img;
			}
			case UINT16: {
				final List<ShortArray> a = new ArrayList<>();
				planes.forEach(p -> a.add(new ShortArray((short[]) p)));
				final PlanarImg<UnsignedShortType, ShortArray> img = new PlanarImg<>(a, dims, new Fraction());
				img.setLinkedType(new UnsignedShortType(img));
				return img;
			}
			default: {
				final List<FloatArray> a = new ArrayList<>();
				planes.forEach(p -> a.add(new FloatArray((float[]) p)));
				final PlanarImg<FloatType, FloatArray> img = new PlanarImg<>(a, dims, new Fraction());
				img.setLinkedType(new FloatType(img));
				return img;
			}
		}
	}

	/** Planes in byte buffers (native byte order) of {@link ImageLayout#planeBytes()} each. */
	public static PlanarImg<?, ?> ofBuffers(final ImageLayout layout, final Axes axes,
		final List<ByteBuffer> planes)
	{
		final long[] dims = dimensions(layout, axes);
		switch (layout.kind()) {
			case UINT8: {
				final List<ByteBufferAccess> a = new ArrayList<>();
				planes.forEach(p -> a.add(new ByteBufferAccess(p, true)));
				final PlanarImg<UnsignedByteType, ByteBufferAccess> img = new PlanarImg<>(a, dims, new Fraction());
				img.setLinkedType(new UnsignedByteType(img));
				return img;
			}
			case UINT16: {
				final List<ShortBufferAccess> a = new ArrayList<>();
				planes.forEach(p -> a.add(new ShortBufferAccess(p, true)));
				final PlanarImg<UnsignedShortType, ShortBufferAccess> img = new PlanarImg<>(a, dims, new Fraction());
				img.setLinkedType(new UnsignedShortType(img));
				return img;
			}
			default: {
				final List<FloatBufferAccess> a = new ArrayList<>();
				planes.forEach(p -> a.add(new FloatBufferAccess(p, true)));
				final PlanarImg<FloatType, FloatBufferAccess> img = new PlanarImg<>(a, dims, new Fraction());
				img.setLinkedType(new FloatType(img));
				return img;
			}
		}
	}

	/** The layout's sizes of {@code axes}, in their order; axes left out must have size 1. */
	static long[] dimensions(final ImageLayout layout, final Axes axes) {
		final long[] all = layout.dimensions();
		final long[] dims = new long[axes.numDimensions()];
		final int[] at = { axes.x(), axes.y(), axes.channel(), axes.z(), axes.time() };
		for (int k = 0; k < at.length; k++) {
			if (at[k] >= 0) dims[at[k]] = all[k];
			else if (all[k] != 1) throw new IllegalArgumentException("axes " + axes + " leave out a dimension of " +
				layout);
		}
		return dims;
	}
}
