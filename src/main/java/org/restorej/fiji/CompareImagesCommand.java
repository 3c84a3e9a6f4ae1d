package org.restorej.fiji;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.restorej.imagej.ImageComparison;
import org.restorej.imagej.QualityTable;
import org.restorej.metrics.Ssim;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * PSNR and SSIM of a test image (e.g. a restoration) against a reference (the ground truth), as
 * scikit-image computes them, into the results table {@value QualityTable#TITLE} (a row per plane and
 * channel) and the outputs {@code psnr} and {@code ssim} (the whole image). No TensorFlow: it runs in
 * Fiji's JVM. Macro: {@code run("Compare Images", "test=restored.tif reference=clean.tif range=auto window=papers")}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>RestoreJ>Compare Images", headless = true,
	description = "PSNR and SSIM of an image against a reference of the same size and type.")
public class CompareImagesCommand extends RestoreJCommand {

	@Parameter(label = "Test image")
	private ImagePlus test;

	@Parameter(label = "Reference image")
	private ImagePlus reference;

	@Parameter(persist = false, label = "Data range", required = false, description = "auto (8-bit and RGB 255, " +
		"16-bit 65535, 32-bit the reference's max - min) or the span the values can take, e.g. 1.")
	private String range = ImageComparison.DEFAULT_RANGE;

	@Parameter(persist = false, label = "SSIM window", choices = { "papers", "skimage" }, required = false,
		description = "papers: 11x11 Gaussian, sigma 1.5; skimage: its default 7x7 uniform window.")
	private String window = ImageComparison.DEFAULT_WINDOW;

	@Parameter(type = ItemIO.OUTPUT, label = "PSNR (dB)")
	private double psnr;

	@Parameter(type = ItemIO.OUTPUT, label = "SSIM")
	private double ssim;

	private ResultsTable table;

	@Override
	protected void execute() {
		final ImageComparison.Result r = ImageComparison.compare(test, reference, range, Ssim.options(window));
		psnr = r.psnr();
		ssim = r.ssim();
		table = QualityTable.add(r, test.getTitle(), reference.getTitle());
	}

	/** The table the rows went to (for scripts and tests in headless mode, where it is not shown). */
	ResultsTable table() {
		return table;
	}
}
