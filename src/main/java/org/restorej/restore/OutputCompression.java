package org.restorej.restore;

import java.util.Locale;

import org.restorej.restore.EnumOptions;
import org.restorej.tiff.read.TiffImageInfo;

/** Compression of streamed outputs: {@code auto} deflates when the input was compressed. */
public enum OutputCompression {
	AUTO, NONE, DEFLATE;

	/** {@code auto}, {@code none} or {@code deflate}, any case; empty means {@code auto}. */
	public static OutputCompression parse(final String s) {
		return EnumOptions.parse(OutputCompression.class, "compression", s, "auto, none or deflate");
	}

	/** The option value, as {@link #parse} reads it. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public boolean deflate(final TiffImageInfo input) {
		return this == DEFLATE || this == AUTO && input.compression() != 1;
	}
}
