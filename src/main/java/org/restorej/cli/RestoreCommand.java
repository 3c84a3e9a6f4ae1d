package org.restorej.cli;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.restorej.RestoreJException;
import org.restorej.batch.BatchReport;
import org.restorej.batch.FileOutcome;
import org.restorej.batch.FolderOutputNameException;
import org.restorej.batch.FolderRestore;
import org.restorej.engine.Progress;
import org.restorej.imagej.TiffFiles;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.restore.InvalidSettingException;
import org.restorej.restore.Models;
import org.restorej.restore.OutputCompression;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.StreamingMode;
import org.restorej.restore.local.LocalImageRestorer;
import org.restorej.restore.local.StreamingPolicy;
import org.restorej.train.Adaptation;
import org.restorej.zarr.OmeZarrInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Restores TIFF and OME-Zarr images, one file or a folder, with the engine in this JVM. */
@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
	description = { "Restore a TIFF image (8-, 16-, 32-bit or RGB; stacks and hyperstacks) or OME-Zarr image, or every one of a " +
		"folder; OME-Zarr (NGFF 0.4, a .zarr folder) in or out is streamed. Calibration, dimensions and slice " +
		"labels are kept.",
		"Outputs are written under a temporary name and renamed when complete; the input is never overwritten, " +
			"an existing output only with --overwrite. In a folder, a file that fails is reported and the others " +
			"are restored; the exit code is then 1." })
final class RestoreCommand implements Callable<Integer> {

	@Option(names = "--model", required = true, paramLabel = "MODEL_DIR|NAME", description = "Model folder or " +
		"installed model name.")
	String model;

	@Parameters(index = "0", paramLabel = "INPUT", description = "A TIFF file, an OME-Zarr " +
		"image (.zarr) or a folder of them.")
	Path input;

	@Parameters(index = "1", paramLabel = "OUTPUT", description = "The output TIFF file or " +
		"OME-Zarr image (.zarr) (or an existing folder for one with the input's name); for a folder INPUT, the " +
		"output folder (created if missing; a file name such as out.tif is refused). Files of the folder that " +
		"are neither TIFF nor OME-Zarr are named as skipped.")
	Path output;

	/** The restore options the Spark application takes too: declared once, in {@link RestoreSettingsOptions}. */
	@Mixin
	RestoreSettingsOptions settingsOptions;

	@Option(names = "--overwrite", description = "Replace existing outputs.")
	boolean overwrite;

	@Option(names = "--streaming", defaultValue = "auto", paramLabel = "auto|on|off", description = "Read and " +
		"write region by region, never holding the image: on, off, or auto: for BigTIFF, tiled TIFF and images " +
		"whose input and output exceed half the heap (-Xmx). Streamed outputs are tiled BigTIFF with the input's " +
		"calibration and GeoTIFF tags (default: ${DEFAULT-VALUE}).")
	String streaming;

	@Option(names = "--compression", defaultValue = "auto", paramLabel = "auto|none|deflate", description =
		"Compression of streamed outputs; auto: deflate if the input was compressed (default: ${DEFAULT-VALUE}).")
	String compression;

	@Option(names = "--adapt", defaultValue = "off", paramLabel = "off|auto|STEPS", description = "First fine-tune " +
		"the model self-supervised on the input itself (a file, or a whole folder at once), then restore with it; " +
		"auto: " + Adaptation.MIN_AUTO_STEPS + " steps, " + Adaptation.STEPS_PER_MEGAPIXEL + " a megapixel beyond one " +
		"megapixel, at most " + Adaptation.MAX_AUTO_STEPS + " (about 2 minutes a megapixel on 2 cores) (default: " +
		"${DEFAULT-VALUE}).")
	String adapt;

	@Option(names = "--save-adapted", paramLabel = "MODEL_DIR", description = "With --adapt: keep the adapted model " +
		"in this folder (a model folder like any other); without it the adapted model is deleted after use.")
	Path saveAdapted;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws Exception {
		final Path resolved = Models.resolve(model);
		if (Files.isRegularFile(resolved.resolve(ModelDescription.FILE_NAME))) settingsOptions.checkTile(
			ModelDescriptions.read(resolved));
		final RestoreSettings settings = settings();
		final StreamingMode streamingMode;
		final OutputCompression outputCompression;
		final Adaptation.Steps steps;
		try {
			streamingMode = StreamingMode.parse(streaming);
			outputCompression = OutputCompression.parse(compression);
			steps = Adaptation.Steps.parse(adapt);
		}
		catch (final InvalidSettingException e) {
			throw settingsOptions.usageError("--" + e.key(), e.value(), e.expected());
		}
		if (saveAdapted != null && !steps.on()) throw new RestoreJException("--save-adapted keeps the model that " +
			"--adapt makes: give --adapt auto (or a number of steps) too.");
		// refused before any adaptation runs
		if (Files.isDirectory(input) && !OmeZarrInfo.isZarr(input)) try {
			FolderRestore.checkOutputFolder(input, output);
		}
		catch (final FolderOutputNameException e) {
			throw new ParameterException(spec.commandLine(), e.getMessage());
		}
		else if (steps.on()) {
			final Path target = Files.isDirectory(output) && !OmeZarrInfo.isZarr(output) ? output.resolve(input
				.getFileName()) : output;
			if (!TiffFiles.isTiff(target) && !OmeZarrInfo.isZarr(target)) throw new RestoreJException("The output " +
				target + " must be a .tif or .tiff file, an OME-Zarr image (.zarr), or a folder.");
			if (Files.exists(target) && !overwrite) throw new RestoreJException("The output " + target + " exists: " +
				"choose another, or give --overwrite (checked before adapting the model).");
		}
		final ConsoleProgress bar = ConsoleProgress.onStandardError();
		// the engine's messages (device, GPU fallback, out-of-memory splits, percentiles): a line each, on stderr
		final RunMonitor monitor = new RunMonitor(bar::progress, () -> false, bar::line, m -> bar.line("Warning: " + m));
		try (Adaptation.Adapted adapted = steps.on() ? Adaptation.adapt(resolved, input, steps, saveAdapted, overwrite,
			p -> bar.progress(new Progress("adapting", p.step(), p.steps(), Duration.ofMillis(Math.round(p
				.elapsedSeconds() * 1000)))), bar::line, () -> false) : Adaptation.Adapted.none(resolved)) {
			return restore(adapted.model(), settings, streamingMode, outputCompression, bar, monitor);
		}
	}

	private int restore(final Path modelDir, final RestoreSettings settings, final StreamingMode streamingMode,
		final OutputCompression outputCompression, final ConsoleProgress bar, final RunMonitor monitor) throws Exception
	{
		try (LocalImageRestorer restorer = new LocalImageRestorer(modelDir)) {
			final StreamingPolicy streams = restorer.streaming(streamingMode, outputCompression);
			if (Files.isDirectory(input) && !OmeZarrInfo.isZarr(input)) {
				final BatchReport report = FolderRestore.run(restorer, streams, input, output, settings, overwrite, monitor,
					new FolderRestore.Listener() {
						@Override
						public void started(final int index, final int count, final Path file) {
							bar.image("[" + (index + 1) + "/" + count + "] " + file.getFileName());
						}

						@Override
						public void finished(final FileOutcome outcome) {
							bar.line(outcome.toString());
						}
					});
				if (report.outcomes().isEmpty()) throw new RestoreJException("No TIFF files (.tif, .tiff) or OME-Zarr " +
					"images (.zarr) in " + input + (report.skipped().isEmpty() ? "." : "; " + FolderRestore.skippedLine(
						report.skipped()) + "."));
				(report.ok() ? System.out : System.err).println(report.summary());
				return report.ok() ? 0 : 1;
			}
			final Path target = Files.isDirectory(output) && !OmeZarrInfo.isZarr(output) ? output.resolve(input
				.getFileName()) : output;
			if (!TiffFiles.isTiff(target) && !OmeZarrInfo.isZarr(target)) throw new RestoreJException("The output " +
				target + " must be a .tif or .tiff file, an OME-Zarr image (.zarr), or a folder.");
			bar.image(input.getFileName().toString());
			final FileOutcome outcome = FolderRestore.restoreOne(restorer, streams, input, target, settings, overwrite, monitor);
			if (!outcome.ok()) throw new RestoreJException(outcome.error());
			bar.line(outcome.toString());
			return 0;
		}
	}

	private RestoreSettings settings() {
		return settingsOptions.settings();
	}
}
