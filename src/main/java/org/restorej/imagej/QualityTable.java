package org.restorej.imagej;

import java.awt.GraphicsEnvironment;

import ij.measure.ResultsTable;

/**
 * The ImageJ results table {@value #TITLE}: one row per compared plane and channel, and a row
 * {@code all} for the whole image when it has several. Comparisons add rows, as ImageJ's Measure
 * does, so a macro can compare a series of images into one table.
 */
public final class QualityTable {

	public static final String TITLE = "RestoreJ quality";

	private QualityTable() {}

	/** Adds the rows of {@code r} to the open table (or a new one) and shows it, if there is a screen. */
	public static ResultsTable add(final ImageComparison.Result r, final String test, final String reference) {
		final ResultsTable existing = GraphicsEnvironment.isHeadless() ? null : ResultsTable.getResultsTable(TITLE);
		final ResultsTable table = existing != null ? existing : new ResultsTable();
		for (final ImageComparison.Row row : r.rows())
			add(table, test, reference, row.channel(), Integer.toString(row.slice()), Integer.toString(row.frame()), row
				.psnr(), row.ssim(), r.dataRange());
		if (r.rows().size() > 1) add(table, test, reference, "all", "all", "all", r.psnr(), r.ssim(), r.dataRange());
		if (!GraphicsEnvironment.isHeadless()) table.show(TITLE);
		return table;
	}

	private static void add(final ResultsTable t, final String test, final String reference, final String channel,
		final String slice, final String frame, final double psnr, final double ssim, final double range)
	{
		t.addRow();
		t.addValue("Test", test);
		t.addValue("Reference", reference);
		t.addValue("Channel", channel);
		t.addValue("Slice", slice);
		t.addValue("Frame", frame);
		t.addValue("PSNR (dB)", psnr);
		t.addValue("SSIM", ssim);
		t.addValue("Data range", range);
	}
}
