package org.restorej.tiff;

import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

/** The ImgLib2 types of the {@link SampleType}s, kept apart so that SampleType loads without ImgLib2. */
public final class ImgLib2Types {

	private ImgLib2Types() {}

	@SuppressWarnings("unchecked")
	public static <T extends RealType<T> & NativeType<T>> T of(final SampleType type) {
		return (T) switch (type) {
			case UINT8 -> new UnsignedByteType();
			case UINT16 -> new UnsignedShortType();
			case FLOAT32 -> new FloatType();
		};
	}
}
