package org.restorej.spark;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.restorej.RestoreJException;
import org.restorej.cli.RestoreSettingsOptions;
import org.restorej.restore.Models;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar restorej-spark.jar --master MASTER --model M INPUT.zarr OUTPUT.zarr [restore options]},
 * or the same arguments after {@code spark-submit --class org.restorej.spark.SparkRestore
 * restorej-spark.jar}: restores an OME-Zarr image on a Spark cluster, with the same engine, options and
 * result as {@code restorej restore} on one machine.
 */
@Command(name = "restorej-spark", mixinStandardHelpOptions = true, sortOptions = false, description = {
	"Restore an OME-Zarr image on a Spark cluster: the same result as 'restorej restore' on one machine.",
	"The output is written under a temporary name and renamed when complete. Options after the model are " +
		"those of 'restorej restore'." })
public final class SparkRestore implements Callable<Integer> {

	@Option(names = "--master", paramLabel = "MASTER", description = "Spark master: local[N], spark://HOST:PORT, " +
		"yarn, k8s://...; default: what spark-submit sets (spark.master), else local[*].")
	String master;

	@Option(names = "--model", required = true, paramLabel = "MODEL_DIR|NAME", description = "Model folder or " +
		"installed model name (on the driver; it is shipped to the executors).")
	String model;

	@Option(names = "--shared-model", description = "The model folder is at the same path on every executor " +
		"(shared storage): read it there instead of shipping it.")
	boolean sharedModel;

	@Parameters(index = "0", paramLabel = "INPUT", description = "The OME-Zarr image to restore.")
	Path input;

	@Parameters(index = "1", paramLabel = "OUTPUT", description = "The OME-Zarr image to write.")
	Path output;

	@Option(names = "--block", defaultValue = "2048", paramLabel = "PIXELS", description = "Side of the blocks one " +
		"task restores, rounded down to whole output chunks (default: ${DEFAULT-VALUE}).")
	long block;

	@Option(names = "--chunk", defaultValue = "256", paramLabel = "PIXELS", description = "Side of the output's " +
		"chunks in X and Y (default: ${DEFAULT-VALUE}, as the single-machine writer's).")
	int chunk;

	@Option(names = "--overwrite", description = "Replace an existing output.")
	boolean overwrite;

	@Mixin
	RestoreSettingsOptions settings;

	@Override
	public Integer call() {
		final SparkConf conf = new SparkConf().setAppName("RestoreJ " + input.getFileName());
		if (master != null) conf.setMaster(master);
		else if (!conf.contains("spark.master")) conf.setMaster("local[*]");
		final Path modelDir = Models.resolve(model);
		try (JavaSparkContext sc = new JavaSparkContext(conf)) {
			sc.setLogLevel("WARN");
			final RestoreJob.Result r = new RestoreJob(input, output, modelDir, sharedModel, settings.settings(), block,
				chunk, overwrite, System.out::println).run(sc);
			System.out.println(r);
		}
		return 0;
	}

	public static void main(final String... args) {
		if (System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null) System.setProperty(
			"org.bytedeco.javacpp.maxPhysicalBytes", "0");
		System.exit(execute(args));
	}

	/** Runs a command line; returns the exit code: 0 done, 1 a failure (its message printed), 2 a usage error. */
	public static int execute(final String... args) {
		return execute(new java.io.PrintWriter(System.err, true), args);
	}

	/** The same, printing failures to {@code err}. */
	static int execute(final java.io.PrintWriter err, final String... args) {
		final CommandLine cli = new CommandLine(new SparkRestore());
		cli.setErr(err);
		cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
			final Throwable user = userFailure(e);
			if (user == null) throw e;
			cmd.getErr().println(user.getMessage());
			return 1;
		});
		return cli.execute(args);
	}

	/** The RestoreJ failure behind {@code e} (Spark wraps a task's in its own exceptions), or null. */
	private static Throwable userFailure(final Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause())
			if (t instanceof RestoreJException) return t;
		return null;
	}
}
