package org.restorej.metrics;

import java.util.Locale;

import org.restorej.array.NhwcArray;

/**
 * PSNR (dB) and SSIM of an image against its reference, both over all channels with a stated data range;
 * SSIM with the papers' Gaussian window ({@link Ssim#PAPERS}).
 */
public record ImageQuality(double psnr, double ssim) {

	/** Quality of the single image {@code test} against {@code reference}. */
	public static ImageQuality measure(final NhwcArray reference, final NhwcArray test, final double dataRange) {
		if (reference.batch() != 1 || test.batch() != 1) throw new IllegalArgumentException(
			"quality is measured on single images");
		if (reference.height() != test.height() || reference.width() != test.width() || reference
			.channels() != test.channels()) throw new IllegalArgumentException("images differ in shape: " + reference
				.height() + "x" + reference.width() + "x" + reference.channels() + " vs " + test.height() + "x" + test
					.width() + "x" + test.channels());
		return new ImageQuality(Psnr.of(reference.data(), test.data(), dataRange), Ssim.of(reference.data(), test
			.data(), reference.height(), reference.width(), reference.channels(), dataRange));
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "PSNR %.2f dB, SSIM %.4f", psnr, ssim);
	}
}
