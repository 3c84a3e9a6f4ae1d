package org.restorej.imagej;

import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.LUT;

import org.restorej.io.OutputExistsException;
import org.restorej.io.OutputFile;
import org.restorej.tiff.FieldType;
import org.restorej.tiff.InvalidTiffException;
import org.restorej.tiff.PixelCalibration;
import org.restorej.tiff.SampleType;
import org.restorej.tiff.TiffField;
import org.restorej.tiff.TiffTag;
import org.restorej.tiff.read.ImageJMetadata;
import org.restorej.tiff.read.TiffImageInfo;
import org.restorej.tiff.read.TiffPlanes;
import org.restorej.tiff.write.FirstPageEntries;

/**
 * TIFF files as ImageJ 1 images. Reading goes through RestoreJ's own reader ({@link TiffPlanes}: TIFF
 * and BigTIFF, strips or tiles, interleaved or planar samples, every compression and sample kind it
 * reads), and builds the ImagePlus ImageJ would open: 8-, 16- or 32-bit planes (RGB for 8-bit RGB), the
 * hyperstack's C/Z/T, the calibration, slice labels, Info, display ranges and channel LUTs ImageJ
 * stores. Writing is ImageJ's own TIFF (which ImageJ and Fiji open as they always did) through
 * {@link OutputFile}: a temporary name renamed when complete, an existing output only with overwrite;
 * a GeoTIFF input's entries are added to it by {@link FirstPageEntries}, as the streamed writer copies them.
 */
public final class TiffFiles {

	private TiffFiles() {}

	public static boolean isTiff(final Path file) {
		final String n = file.getFileName().toString().toLowerCase();
		return n.endsWith(".tif") || n.endsWith(".tiff");
	}

	/**
	 * @throws InvalidImageException naming the file and the problem if it is missing or no TIFF RestoreJ
	 *           reads
	 */
	public static ImagePlus open(final Path file) {
		if (!Files.isRegularFile(file)) throw new InvalidImageException("No such file: " + file + ".");
		try (TiffPlanes tiff = TiffPlanes.open(file)) {
			return image(file, tiff);
		}
		catch (final InvalidTiffException e) {
			throw new InvalidImageException(e.getMessage(), e);
		}
	}

	/**
	 * What reading {@code file} does to its values ("its 16-bit signed samples are read as 32-bit
	 * float"), for the log, or null when nothing (or when the file cannot be read: opening it says why).
	 */
	public static String conversionNote(final Path file) {
		try {
			final String note = TiffImageInfo.read(file).conversionNote();
			return note == null ? null : file.getFileName() + ": " + note + ".";
		}
		catch (final RuntimeException e) {
			return null;
		}
	}

	private static ImagePlus image(final Path file, final TiffPlanes tiff) {
		final TiffImageInfo info = tiff.info();
		final ImageJMetadata ij = tiff.imageJ();
		final int w = (int) info.width(), h = (int) info.height();
		final int channels = info.channels(), slices = info.slices(), frames = info.frames();
		final boolean rgb = info.channelsAsSamples() && channels == 3 && tiff.sampleType() == SampleType.UINT8 &&
			photometric(info) == 2;
		final ImageStack stack = new ImageStack(w, h);
		for (int t = 0; t < frames; t++)
			for (int z = 0; z < slices; z++) {
				final List<Object> planes = tiff.planes(z, t);
				if (rgb) {
					final ColorProcessor cp = new ColorProcessor(w, h);
					cp.setRGB((byte[]) planes.get(0), (byte[]) planes.get(1), (byte[]) planes.get(2));
					stack.addSlice(null, cp);
				}
				else for (final Object p : planes)
					stack.addSlice(null, p);
			}
		if (ij.labels().size() == stack.getSize()) for (int n = 1; n <= stack.getSize(); n++) {
			final String label = ij.labels().get(n - 1);
			stack.setSliceLabel(label == null || label.isEmpty() ? null : label, n);
		}
		final ImagePlus imp = new ImagePlus(file.getFileName().toString(), stack);
		final int c = rgb ? 1 : channels;
		imp.setDimensions(c, slices, frames);
		if (imp.getNDimensions() > 3 || "true".equals(ij.description().get("hyperstack"))) imp.setOpenAsHyperStack(true);
		imp.setCalibration(calibration(info.calibration(), ij));
		if (ij.info() != null) imp.setProperty("Info", ij.info());
		if (c > 1) return composite(imp, ij, info.channelsAsSamples());
		final double min = ij.number("min"), max = ij.number("max");
		if (ij.ranges().length >= 2) imp.setDisplayRange(ij.ranges()[0], ij.ranges()[1]);
		else if (Double.isFinite(min) && Double.isFinite(max) && max > min) imp.setDisplayRange(min, max);
		else if (!rgb) imp.resetDisplayRange();
		return imp;
	}

	private static long photometric(final TiffImageInfo info) {
		final TiffField f = info.field(TiffTag.PHOTOMETRIC);
		return f == null || f.count() == 0 ? -1 : f.longValue(0);
	}

	/** The calibration ImageJ reads: pixel size, unit (as ImageJ spelt it), origins, frame interval, value function. */
	private static Calibration calibration(final PixelCalibration p, final ImageJMetadata ij) {
		final Calibration cal = new Calibration();
		final String unit = ij.description().get("unit");
		cal.setUnit(unit != null ? unit.replace("\\u00B5", "\u00B5") : p.unit());
		cal.pixelWidth = p.pixelWidth();
		cal.pixelHeight = p.pixelHeight();
		cal.pixelDepth = p.pixelDepth();
		cal.frameInterval = p.frameInterval();
		final double xo = ij.number("xorigin"), yo = ij.number("yorigin"), zo = ij.number("zorigin");
		if (Double.isFinite(xo)) cal.xOrigin = xo;
		if (Double.isFinite(yo)) cal.yOrigin = yo;
		if (Double.isFinite(zo)) cal.zOrigin = zo;
		final String tunit = ij.description().get("tunit");
		if (tunit != null) cal.setTimeUnit(tunit);
		final double cf = ij.number("cf");
		if (Double.isFinite(cf)) {
			int n = 0;
			while (Double.isFinite(ij.number("c" + n)))
				n++;
			final double[] coefficients = new double[n];
			for (int i = 0; i < n; i++)
				coefficients[i] = ij.number("c" + i);
			final String vunit = ij.description().get("vunit");
			cal.setFunction((int) cf, n == 0 ? null : coefficients, vunit);
		}
		return cal;
	}

	/** Channels in ImageJ's composite modes, with the LUTs and display ranges ImageJ saved. */
	private static ImagePlus composite(final ImagePlus imp, final ImageJMetadata ij, final boolean samples) {
		final String m = ij.description().getOrDefault("mode", samples ? "composite" : "color");
		final int mode = m.startsWith("composite") ? IJ.COMPOSITE : m.startsWith("gray") ? IJ.GRAYSCALE : IJ.COLOR;
		final CompositeImage ci = new CompositeImage(imp, mode);
		final int channels = imp.getNChannels();
		final boolean luts = ij.luts().size() == channels;
		final boolean ranges = ij.ranges().length == 2 * channels;
		for (int k = 1; k <= channels; k++) {
			if (luts) {
				final byte[] l = ij.luts().get(k - 1);
				final byte[] r = java.util.Arrays.copyOfRange(l, 0, 256), g = java.util.Arrays.copyOfRange(l, 256, 512),
					b = java.util.Arrays.copyOfRange(l, 512, 768);
				ci.setChannelLut(new LUT(new IndexColorModel(8, 256, r, g, b), 0, 255), k);
			}
			ci.setC(k);
			if (ranges) ci.setDisplayRange(ij.ranges()[2 * k - 2], ij.ranges()[2 * k - 1]);
			else ci.resetDisplayRange();
		}
		ci.setC(1);
		return ci;
	}

	/**
	 * Writes {@code image} as ImageJ's TIFF to {@code target} through {@link OutputFile}.
	 *
	 * @throws OutputExistsException if {@code target} exists and {@code overwrite} is false
	 */
	public static void save(final ImagePlus image, final Path target, final boolean overwrite) throws IOException {
		save(image, target, overwrite, List.of());
	}

	/**
	 * The GeoTIFF and GDAL entries of {@code file} (what {@link #save(ImagePlus, Path, boolean, List)}
	 * carries to a restored copy, as streamed restores do), or none when it has none or cannot be read.
	 */
	public static List<TiffField> geoFields(final Path file) {
		try {
			// ImageJ writes classic TIFF, which has no 8-byte integer types (GeoTIFF and GDAL never use them)
			return TiffImageInfo.read(file).geoFields().stream().filter(f -> f.type() != FieldType.LONG8 && f
				.type() != FieldType.SLONG8 && f.type() != FieldType.IFD8).toList();
		}
		catch (final RuntimeException e) {
			return List.of();
		}
	}

	/**
	 * Writes {@code image} as ImageJ's TIFF with {@code copied} (from {@link #geoFields}) added to its
	 * first page, which ImageJ's writer cannot do itself.
	 *
	 * @throws OutputExistsException if {@code target} exists and {@code overwrite} is false
	 */
	public static void save(final ImagePlus image, final Path target, final boolean overwrite,
		final List<TiffField> copied) throws IOException
	{
		final String title = image.getTitle();
		try (OutputFile out = OutputFile.create(target, overwrite)) {
			final FileSaver saver = new FileSaver(image);
			final String temp = out.temporary().toString();
			final boolean ok = image.getStackSize() > 1 ? saver.saveAsTiffStack(temp) : saver.saveAsTiff(temp);
			if (!ok) throw new IOException("ImageJ could not write " + target + " (is the folder writable, is there " +
				"space left?)");
			FirstPageEntries.add(out.temporary(), copied);
			out.commit();
		}
		catch (final UncheckedIOException e) {
			throw e.getCause();
		}
		finally {
			// FileSaver renames the image after the file it wrote: the temporary name
			image.setTitle(title);
		}
	}
}
