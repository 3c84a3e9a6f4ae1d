package org.restorej.tiff.read;

import org.restorej.tiff.PixelCalibration;
import org.restorej.tiff.TiffTag;

/**
 * The physical pixel size as ImageJ reads it: the unit from ImageJ's description, or else from
 * ResolutionUnit (inch, cm); pixel width and height are the reciprocals of X/YResolution, and apply only
 * when there is a unit (ResolutionUnit "none" with 72 dpi is a screen default, not a calibration).
 */
final class CalibrationReader {

	private CalibrationReader() {}

	static PixelCalibration read(final ImageFileDirectory ifd, final ImageJDescription ij) {
		String unit = ij == null ? null : ij.unit();
		if (unit == null && ifd.has(TiffTag.RESOLUTION_UNIT)) {
			final long u = ifd.value(TiffTag.RESOLUTION_UNIT, 1);
			unit = u == 2 ? "inch" : u == 3 ? "cm" : null;
		}
		final double xres = ifd.real(TiffTag.X_RESOLUTION);
		final double yres = ifd.real(TiffTag.Y_RESOLUTION);
		double pw = 1, ph = 1;
		if (unit != null && xres > 0 && Double.isFinite(xres)) {
			pw = 1 / xres;
			ph = yres > 0 && Double.isFinite(yres) ? 1 / yres : pw;
		}
		final double depth = ij != null && ij.spacing() > 0 ? ij.spacing() : 1;
		final double interval = ij != null && ij.frameInterval() > 0 ? ij.frameInterval() : 0;
		return new PixelCalibration(pw, ph, depth, interval, unit == null ? "pixel" : unit);
	}
}
