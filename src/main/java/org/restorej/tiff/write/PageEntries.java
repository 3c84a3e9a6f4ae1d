package org.restorej.tiff.write;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.restorej.tiff.FieldType;
import org.restorej.tiff.PixelCalibration;
import org.restorej.tiff.SampleType;
import org.restorej.tiff.TiffField;
import org.restorej.tiff.TiffTag;

/** The directory entries of one page, sorted by tag as TIFF requires. */
final class PageEntries {

	static final int NO_COMPRESSION = 1, DEFLATE = 8;
	static final int MIN_IS_BLACK = 1, RGB = 2;

	private PageEntries() {}

	/**
	 * @param first the first page, which carries the ImageJ description, the copied fields and the
	 *          resolution as ImageJ writes them
	 */
	static List<TiffField> of(final TiffOutputSpec spec, final boolean first, final long[] offsets,
		final long[] byteCounts)
	{
		final ByteOrder o = spec.byteOrder();
		final int spp = spec.samplesPerPixel();
		final SampleType type = spec.sampleType();
		final boolean rgb = spp == 3 && type == SampleType.UINT8;
		final List<TiffField> e = new ArrayList<>();
		e.add(TiffField.ofLongs(TiffTag.IMAGE_WIDTH, o, spec.width()));
		e.add(TiffField.ofLongs(TiffTag.IMAGE_LENGTH, o, spec.height()));
		e.add(TiffField.ofShorts(TiffTag.BITS_PER_SAMPLE, o, repeat(type.bitsPerSample(), spp)));
		e.add(TiffField.ofShorts(TiffTag.COMPRESSION, o, spec.deflate() ? DEFLATE : NO_COMPRESSION));
		e.add(TiffField.ofShorts(TiffTag.PHOTOMETRIC, o, rgb ? RGB : MIN_IS_BLACK));
		e.add(TiffField.ofShorts(TiffTag.SAMPLES_PER_PIXEL, o, spp));
		e.add(TiffField.ofShorts(TiffTag.PLANAR_CONFIGURATION, o, 1));
		e.add(TiffField.ofLongs(TiffTag.TILE_WIDTH, o, spec.tileSize()));
		e.add(TiffField.ofLongs(TiffTag.TILE_LENGTH, o, spec.tileSize()));
		e.add(TiffField.ofLong8s(TiffTag.TILE_OFFSETS, o, offsets));
		e.add(TiffField.ofLong8s(TiffTag.TILE_BYTE_COUNTS, o, byteCounts));
		// samples beyond the colour ones must be declared, or libtiff warns and readers guess
		final int extra = spp - (rgb ? 3 : 1);
		if (extra > 0) e.add(TiffField.ofShorts(TiffTag.EXTRA_SAMPLES, o, repeat(0, extra)));
		e.add(TiffField.ofShorts(TiffTag.SAMPLE_FORMAT, o, repeat(type.sampleFormat(), spp)));
		if (first) {
			e.add(TiffField.ofAscii(TiffTag.IMAGE_DESCRIPTION, o, ImageJDescription.of(spec)));
			final PixelCalibration cal = spec.calibration();
			if (cal.calibrated()) {
				e.add(resolution(TiffTag.X_RESOLUTION, cal.pixelWidth(), o));
				e.add(resolution(TiffTag.Y_RESOLUTION, cal.pixelHeight(), o));
				e.add(TiffField.ofShorts(TiffTag.RESOLUTION_UNIT, o, resolutionUnit(cal.unit())));
			}
			for (final TiffField f : spec.copiedFields())
				e.add(f.inOrder(o));
		}
		e.sort(Comparator.comparingInt(TiffField::tag));
		return e;
	}

	/**
	 * Pixels per unit as a rational, as ImageJ stores it: a denominator of a million (a thousand for
	 * over a thousand pixels per unit, so the numerator still fits).
	 */
	static TiffField resolution(final int tag, final double pixelSize, final ByteOrder o) {
		final double perUnit = 1 / pixelSize;
		final long denominator = perUnit > 1000 ? 1000 : 1_000_000;
		final long numerator = Math.min(0xFFFFFFFFL, Math.max(0, (long) (perUnit * denominator)));
		final ByteBuffer b = ByteBuffer.allocate(8).order(o).putInt((int) numerator).putInt((int) denominator);
		return new TiffField(tag, FieldType.RATIONAL, 1, b.array(), o);
	}

	/** TIFF knows inches and centimetres; ImageJ writes "none" for other units and keeps them in its description. */
	static int resolutionUnit(final String unit) {
		return switch (unit) {
			case "inch" -> 2;
			case "cm" -> 3;
			default -> 1;
		};
	}

	private static int[] repeat(final int value, final int n) {
		final int[] v = new int[n];
		java.util.Arrays.fill(v, value);
		return v;
	}
}
