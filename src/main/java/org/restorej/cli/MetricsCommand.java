package org.restorej.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.restorej.imagej.ImageComparison;
import org.restorej.imagej.TiffFiles;
import org.restorej.metrics.Ssim;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * PSNR and SSIM of an image against a reference: {@link ImageComparison}, as the Compare Images
 * command and {@code Ext.compare(test, reference, options, psnr, ssim)} run it, with their argument
 * order and defaults.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
	description = { "PSNR and SSIM of TEST against REFERENCE (TIFF), as scikit-image computes them; the same " +
		"order, defaults and numbers as Fiji's Compare Images and the macro Ext.compare(test, reference, ...).",
		"Data range auto: 255 for 8-bit and RGB, 65535 for 16-bit, the reference's max - min for 32-bit. Each " +
			"channel of each plane is measured on its own: PSNR over all values, SSIM the mean." })
public final class MetricsCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "TEST", description = "The image to judge (e.g. a restoration).")
	Path test;

	@Parameters(index = "1", paramLabel = "REFERENCE", description = "The ground truth, same size and " +
		"type (or one 32-bit and the other 8- or 16-bit grey, compared as float; auto's data range is the " +
		"reference's).")
	Path reference;

	@Option(names = "--data-range", defaultValue = ImageComparison.DEFAULT_RANGE, paramLabel = "auto|R",
		description = "Span of possible values in the images' raw units, e.g. 1 for [0, 1] data (default: " +
			"${DEFAULT-VALUE}).")
	String dataRange;

	@Option(names = "--ssim", defaultValue = ImageComparison.DEFAULT_WINDOW, paramLabel = "papers|skimage",
		description = "papers: 11x11 Gaussian window, sigma 1.5 (Wang et al.; skimage gaussian_weights=True, " +
			"use_sample_covariance=False); skimage: its defaults, 7x7 uniform window (default: ${DEFAULT-VALUE}).")
	String ssim;

	@Override
	public Integer call() {
		for (final Path file : new Path[] { test, reference }) {
			final String note = TiffFiles.conversionNote(file);
			if (note != null) System.err.println("note: " + note);
		}
		final ImageComparison.Result r = ImageComparison.compare(TiffFiles.open(test), TiffFiles.open(reference),
			dataRange, Ssim.options(ssim));
		final double range = r.dataRange();
		System.out.printf(Locale.ROOT, "PSNR %.4f dB%nSSIM %.6f%n(data range %s, SSIM %s)%n", r.psnr(), r.ssim(),
			range == Math.rint(range) ? Long.toString((long) range) : Double.toString(range), ssim);
		return 0;
	}
}
