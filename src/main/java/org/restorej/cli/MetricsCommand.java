package org.restorej.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.restorej.RestoreJException;
import org.restorej.data.TiffImages;
import org.restorej.metrics.Psnr;
import org.restorej.metrics.Ssim;
import org.restorej.runtime.NhwcArray;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** PSNR and SSIM of an image against a reference. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
	description = { "PSNR and SSIM of TEST against REFERENCE (TIFF), as scikit-image computes them.",
		"8- and 16-bit images are scaled to [0, 1] and measured with data range 1 (= 255 or 65535 raw); " +
			"32-bit images need --data-range. Several channels (RGB, channel stacks): PSNR over all values, " +
			"SSIM the mean over channels." })
public final class MetricsCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "REFERENCE")
	Path reference;

	@Parameters(index = "1", paramLabel = "TEST")
	Path test;

	@Option(names = "--data-range", paramLabel = "R",
		description = "Span of possible values, in the images' own units for 32-bit (default for 8/16-bit: 1 after scaling).")
	Double dataRange;

	@Option(names = "--ssim", defaultValue = "papers", paramLabel = "papers|skimage",
		description = "papers: 11x11 Gaussian window, sigma 1.5 (Wang et al.; skimage gaussian_weights=True, " +
			"use_sample_covariance=False); skimage: its defaults, 7x7 uniform window (default: ${DEFAULT-VALUE}).")
	String ssim;

	@Override
	public Integer call() {
		final TiffImages.Loaded ref = TiffImages.read(reference);
		final TiffImages.Loaded tst = TiffImages.read(test);
		final NhwcArray a = ref.image(), b = tst.image();
		if (a.height() != b.height() || a.width() != b.width() || a.channels() != b.channels())
			throw new RestoreJException(test + " (" + b.width() + "x" + b.height() + ", " + b.channels() + " channels) " +
				"does not match " + reference + " (" + a.width() + "x" + a.height() + ", " + a.channels() + "): compare " +
				"images of the same size and channels.");
		final boolean scaled = ref.bitDepth() != 32 && tst.bitDepth() != 32;
		if (ref.scale() != tst.scale()) throw new RestoreJException(reference + " is " + ref.bitDepth() + "-bit and " +
			test + " " + tst.bitDepth() + "-bit: save both with the same bit depth.");
		if (!scaled && dataRange == null) throw new RestoreJException("32-bit images have no natural data range: " +
			"give --data-range (e.g. 1 for [0, 1] data, 65535 for raw 16-bit values).");
		final double range = dataRange != null ? (scaled ? dataRange / ref.scale() : dataRange) : 1.0;
		final Ssim.Options options = Ssim.options(ssim);
		final double psnr = Psnr.of(a.data(), b.data(), range);
		final double s = Ssim.of(a.data(), b.data(), a.height(), a.width(), a.channels(), range, options);
		System.out.printf(Locale.ROOT, "PSNR %.4f dB%nSSIM %.6f%n(data range %s%s, SSIM %s)%n", psnr, s, scaled
			? (dataRange != null ? dataRange : ref.scale()) + " raw" : range, scaled ? " = " + range + " scaled" : "",
			ssim);
		return 0;
	}
}
