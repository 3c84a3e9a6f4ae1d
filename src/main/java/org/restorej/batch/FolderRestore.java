package org.restorej.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import ij.ImagePlus;

import org.restorej.RestoreJException;
import org.restorej.engine.CancelledException;
import org.restorej.imagej.TiffFiles;
import org.restorej.io.OutputExistsException;
import org.restorej.io.OutputFile;
import org.restorej.restore.FileStreaming;
import org.restorej.restore.ImageRestorer;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.zarr.OmeZarrInfo;

/**
 * Restores every TIFF and OME-Zarr image (a {@code .zarr} folder) of a folder into another folder, under
 * the same names, with one restorer (one model load). A file that fails (unreadable, wrong channels, existing output) is reported and the
 * others go on; a cancel stops the whole folder. Outputs are written whole or not at all.
 */
public final class FolderRestore {

	/** Told as files start and finish (on the restoring thread). */
	public interface Listener {
		void started(int index, int count, Path input);

		void finished(FileOutcome outcome);

		Listener NONE = new Listener() {
			@Override
			public void started(final int index, final int count, final Path input) {}

			@Override
			public void finished(final FileOutcome outcome) {}
		};
	}

	private FolderRestore() {}

	/** The TIFF files and OME-Zarr images of {@code folder}, by name. */
	public static List<Path> inputs(final Path folder) throws IOException {
		if (!Files.isDirectory(folder)) throw new RestoreJException("The input folder " + folder + " does not " +
			"exist: give a folder of TIFF or OME-Zarr images.");
		try (Stream<Path> s = Files.list(folder)) {
			return s.filter(p -> Files.isRegularFile(p) && TiffFiles.isTiff(p) || Files.isDirectory(p) && OmeZarrInfo
				.isZarr(p)).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
		}
	}

	/** The other files of {@code folder} (not hidden), which a folder restore skips, by name. */
	public static List<Path> skipped(final Path folder) throws IOException {
		final List<Path> inputs = inputs(folder);
		try (Stream<Path> s = Files.list(folder)) {
			return s.filter(p -> Files.isRegularFile(p) && !inputs.contains(p) && !p.getFileName().toString()
				.startsWith(".")).sorted().toList();
		}
	}

	/** {@code skipped (neither TIFF nor OME-Zarr): a.png, b.jpg}: the one line every front end shows. */
	public static String skippedLine(final List<Path> skipped) {
		return "skipped (neither TIFF .tif/.tiff nor OME-Zarr .zarr, which RestoreJ reads; convert them to TIFF " +
			"in ImageJ): " + String.join(", ", skipped.stream().map(p -> p.getFileName().toString()).toList());
	}

	/**
	 * @throws FolderOutputNameException if {@code output} does not exist and is named like a file: a
	 *           folder's output is a folder
	 */
	public static void checkOutputFolder(final Path input, final Path output) {
		if (!Files.exists(output) && (TiffFiles.isTiff(output) || OmeZarrInfo.isZarr(output)))
			throw new FolderOutputNameException(input, output);
	}

	/**
	 * @throws CancelledException if cancelled (files already written stay; none is half-written)
	 * @throws FolderOutputNameException if {@code output} is a file name such as {@code out.tif}
	 * @throws RestoreJException if the folders cannot be used at all
	 */
	public static BatchReport run(final ImageRestorer restorer, final FileStreaming streaming, final Path input,
		final Path output, final RestoreSettings settings, final boolean overwrite, final RunMonitor monitor,
		final Listener listener)
		throws IOException
	{
		final List<Path> files = inputs(input);
		checkOutputFolder(input, output);
		if (Files.exists(output) && Files.isSameFile(input, output)) throw new OutputExistsException(output,
			"it is the input folder, and RestoreJ never overwrites its input: choose another output folder.");
		if (Files.exists(output) && !Files.isDirectory(output)) throw new OutputExistsException(output,
			"it is a file, not a folder: give a folder for the restored images.");
		final List<Path> skipped = skipped(input);
		if (!skipped.isEmpty()) monitor.log().accept(input.getFileName() + ": " + skippedLine(skipped));
		if (!Files.exists(output)) {
			Files.createDirectories(output);
			monitor.log().accept("Created the output folder " + output + ".");
		}
		final List<FileOutcome> outcomes = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			final Path in = files.get(i), out = output.resolve(in.getFileName().toString());
			listener.started(i, files.size(), in);
			final FileOutcome outcome = restoreOne(restorer, streaming, in, out, settings, overwrite, monitor);
			outcomes.add(outcome);
			listener.finished(outcome);
		}
		return new BatchReport(input, output, outcomes, skipped);
	}

	/**
	 * One file, loaded into ImageJ or, if {@code streaming} takes it, streamed: its outcome, or
	 * {@link CancelledException} if cancelled. OME-Zarr, in or out, is always streamed.
	 */
	public static FileOutcome restoreOne(final ImageRestorer restorer, final FileStreaming streaming, final Path in,
		final Path out, final RestoreSettings settings, final boolean overwrite, final RunMonitor monitor)
	{
		final long start = System.nanoTime();
		try {
			if (Files.exists(out) && Files.isSameFile(in, out)) throw new OutputExistsException(out,
				"it is the input, and RestoreJ never overwrites its input: choose another output.");
			if (Files.exists(out) && !overwrite) throw new OutputExistsException(out, OutputFile.OVERWRITE_REMEDY);
			OutputFile.checkWritable(out);
			final boolean zarr = OmeZarrInfo.isZarr(in) || OmeZarrInfo.isZarr(out);
			final String note = OmeZarrInfo.isZarr(in) ? null : TiffFiles.conversionNote(in);
			if (note != null) monitor.log().accept(note);
			if (zarr || streaming.streams(in)) {
				streaming.restore(in, out, settings, overwrite, monitor);
				return FileOutcome.written(in, out, System.nanoTime() - start, note);
			}
			final ImagePlus image = TiffFiles.open(in);
			final ImagePlus restored = restorer.restore(image, settings, monitor);
			// GeoTIFF and GDAL entries travel as in a streamed restore
			TiffFiles.save(restored, out, overwrite, TiffFiles.geoFields(in));
			return FileOutcome.written(in, out, System.nanoTime() - start, note);
		}
		catch (final CancelledException e) {
			throw e;
		}
		catch (final RestoreJException | IOException e) {
			return FileOutcome.failed(in, out, e.getMessage());
		}
		catch (final OutOfMemoryError e) {
			// what this file needed is garbage once it failed: the next file starts with the heap free again
			return FileOutcome.failed(in, out, "not enough memory for " + in + " (" + e.getMessage() + "; Java may use " +
				Runtime.getRuntime().maxMemory() / (1 << 20) + " MB): give Java more (-Xmx) or stream it (--streaming on)");
		}
		catch (final RuntimeException e) {
			// an unforeseen failure is this file's: the others are still restored
			return FileOutcome.failed(in, out, "unexpected " + e.getClass().getSimpleName() + " while restoring " + in +
				": " + e.getMessage());
		}
	}
}
