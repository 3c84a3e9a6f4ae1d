package org.restorej.tiff;

/**
 * Physical pixel size as ImageJ keeps it (pixel width/height from X/YResolution, depth and frame
 * interval and unit from ImageJ's ImageDescription). Values of 1 and unit "pixel" mean uncalibrated.
 */
public record PixelCalibration(double pixelWidth, double pixelHeight, double pixelDepth, double frameInterval,
	String unit)
{
	public static PixelCalibration none() {
		return new PixelCalibration(1, 1, 1, 0, "pixel");
	}

	public boolean calibrated() {
		return !"pixel".equals(unit) || pixelWidth != 1 || pixelHeight != 1;
	}
}
