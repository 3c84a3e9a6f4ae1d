package org.restorej.zarr;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.restorej.tiff.PixelCalibration;
import org.restorej.tiff.SampleType;

/**
 * What an OME-Zarr image holds at full resolution: its size in X, Y, C, Z, T, sample type, calibration
 * (from the level's scale and the axes' units), the axes in the array's order (e.g. "czyx"), its chunk
 * shape in that order, its compressor and its number of levels. Reading it needs no ImgLib2.
 */
public record OmeZarrInfo(Path root, long width, long height, int channels, int slices, int frames,
	SampleType sampleType, PixelCalibration calibration, String axes, int[] chunks, String compressor, int levels)
{
	/** The letters of the axes RestoreJ handles, by their position in X, Y, C, Z, T. */
	static final String XYCZT = "xyczt";

	public static OmeZarrInfo read(final Path root) {
		final Multiscales m = Multiscales.read(root);
		return of(root, m, ZarrArray.open(root.resolve(m.levels().get(0).path())));
	}

	static OmeZarrInfo of(final Path root, final Multiscales m, final ZarrArray level0) {
		final long[] shape = level0.shape();
		if (shape.length != m.axes().size()) throw new InvalidZarrException(root, "its multiscales name " + m.axes()
			.size() + " axes but level " + m.levels().get(0).path() + " has " + shape.length + " dimensions", Multiscales.REMEDY);
		final StringBuilder axes = new StringBuilder();
		final long[] xyczt = { 0, 0, 1, 1, 1 };
		for (int d = 0; d < shape.length; d++) {
			final String name = m.axes().get(d).name();
			final int at = XYCZT.indexOf(name);
			if (name.length() != 1 || at < 0 || axes.indexOf(name) >= 0) throw new InvalidZarrException(root, "its axes " +
				names(m) + " are not distinct ones of t, c, z, y, x", "RestoreJ reads images with axes among t, c, z, y, x; " +
					"re-save it so.");
			axes.append(name);
			xyczt[at] = shape[d];
		}
		if (axes.indexOf("x") < 0 || axes.indexOf("y") < 0) throw new InvalidZarrException(root, "its axes " + names(m) +
			" lack x or y", "Give an image with y and x axes.");
		for (int i = 2; i < 5; i++)
			if (xyczt[i] > Integer.MAX_VALUE) throw new InvalidZarrException(root, "its " + XYCZT.charAt(i) + " axis has " +
				xyczt[i] + " positions", "Split it.");
		return new OmeZarrInfo(root, xyczt[0], xyczt[1], (int) xyczt[2], (int) xyczt[3], (int) xyczt[4], level0.type(),
			calibration(m), axes.toString(), level0.chunks(), level0.compressor().toString(), m.levels().size());
	}

	private static String names(final Multiscales m) {
		return m.axes().stream().map(Multiscales.Axis::name).toList().toString();
	}

	private static PixelCalibration calibration(final Multiscales m) {
		final double[] s = m.levels().get(0).scale();
		final int x = m.indexOf("x"), y = m.indexOf("y"), z = m.indexOf("z"), t = m.indexOf("t");
		final String unit = imageJUnit(m.axes().get(x).unit());
		final boolean scaled = s[x] != 1 || s[y] != 1 || z >= 0 && s[z] != 1;
		return new PixelCalibration(s[x], s[y], z >= 0 ? s[z] : 1, t >= 0 && s[t] != 1 ? s[t] : 0, unit.isEmpty()
			? scaled ? "unit" : "pixel" : unit);
	}

	private static final List<String[]> UNITS = List.of(new String[] { "micrometer", "\u00b5m" }, new String[] {
		"nanometer", "nm" }, new String[] { "millimeter", "mm" }, new String[] { "centimeter", "cm" }, new String[] {
			"meter", "m" }, new String[] { "angstrom", "A" }, new String[] { "kilometer", "km" });

	/** ImageJ's name of an NGFF (UDUNITS) unit. */
	static String imageJUnit(final String ngff) {
		for (final String[] u : UNITS)
			if (u[0].equals(ngff)) return u[1];
		return ngff;
	}

	/** The NGFF (UDUNITS) name of an ImageJ unit, or "" for none. */
	static String ngffUnit(final String imageJ) {
		if (imageJ == null || imageJ.equals("pixel") || imageJ.equals("pixels") || imageJ.isEmpty()) return "";
		final String u = imageJ.toLowerCase(Locale.ROOT);
		if (u.equals("\u00b5m") || u.equals("\u03bcm") || u.equals("um") || u.equals("micron") || u.equals("microns")) return "micrometer";
		for (final String[] e : UNITS)
			if (e[1].equalsIgnoreCase(imageJ) || e[0].equals(u)) return e[0];
		return imageJ;
	}

	/** Whether {@code path} names an OME-Zarr image: a folder (or a name to create) ending in .zarr. */
	public static boolean isZarr(final Path path) {
		final Path name = path.getFileName();
		return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".zarr");
	}

	public long pixels() {
		return width * height * channels * slices * frames;
	}
}
