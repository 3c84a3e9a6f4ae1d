package org.restorej.fiji;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

import ij.ImagePlus;

import org.restorej.imagej.TiffFiles;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.local.LocalImageRestorer;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * A headless Fiji session in miniature, run in a JVM of its own by {@link FijiClasspathIT}: a SciJava
 * Context on whatever class path the test gives, restoring a TIFF with the Restore Image command.
 * Arguments: {@code command|in-process MODEL INPUT OUTPUT OPTIONS}, or {@code folder MODEL INPUT_FOLDER
 * OUTPUT_FOLDER OPTIONS} for the Restore Folder command. It first prints where the class
 * path's TensorFlow and protobuf classes come from, so the test can check it ran amid Fiji's.
 */
public final class FijiLikeHeadless {

	public static void main(final String... args) throws Exception {
		for (final String c : new String[] { "org.tensorflow.TensorFlow", "org.tensorflow.SavedModelBundle",
			"com.google.protobuf.RuntimeVersion", "com.google.protobuf.GeneratedMessageV3" })
		{
			try {
				System.out.println("class " + c + " from " + Class.forName(c, false, FijiLikeHeadless.class.getClassLoader()).getProtectionDomain().getCodeSource()
					.getLocation());
			}
			catch (final ClassNotFoundException e) {
				System.out.println("class " + c + " absent");
			}
		}
		final Path model = Paths.get(args[1]), input = Paths.get(args[2]), output = Paths.get(args[3]);
		if (args[0].equals("folder")) {
			System.out.println(restoreFolder(model, input, output, args[4]));
			System.exit(0);
		}
		final ImagePlus image = TiffFiles.open(input);
		final ImagePlus result;
		if (args[0].equals("in-process")) {
			// the engine on this class path, as if RestoreJ's TensorFlow jars sat in Fiji.app/jars
			try (LocalImageRestorer r = new LocalImageRestorer(model)) {
				result = r.restore(image, RestoreSettings.parse(args[4]), RunMonitor.SILENT);
			}
		}
		else {
			final Context context = new Context();
			try {
				final Map<String, Object> inputs = new java.util.HashMap<>(RestoreSettings.parse(args[4]).toMap());
				inputs.put("model", model.toString());
				inputs.put("image", image);
				final CommandModule m = context.service(CommandService.class).run(RestoreImageCommand.class, true, inputs)
					.get();
				if (m.isCanceled()) throw new IllegalStateException("refused: " + m.getCancelReason());
				result = (ImagePlus) m.getOutput("result");
			}
			finally {
				context.dispose();
			}
		}
		TiffFiles.save(result, output, false);
		System.out.println("restored " + input + " into " + output);
		System.exit(0);
	}

	/** The Restore Folder command's report, as a headless script gets it. */
	private static String restoreFolder(final Path model, final Path input, final Path output, final String options)
		throws Exception
	{
		final Context context = new Context();
		try {
			final Map<String, Object> inputs = new java.util.HashMap<>(RestoreSettings.parse(options).toMap());
			inputs.put("model", model.toString());
			inputs.put("input", input.toFile());
			inputs.put("output", output.toFile());
			final CommandModule m = context.service(CommandService.class).run(RestoreFolderCommand.class, true, inputs)
				.get();
			if (m.isCanceled()) throw new IllegalStateException("refused: " + m.getCancelReason());
			return (String) m.getOutput("report");
		}
		finally {
			context.dispose();
		}
	}
}
