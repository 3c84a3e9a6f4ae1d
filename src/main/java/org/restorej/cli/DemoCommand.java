package org.restorej.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;

import org.restorej.RestoreJException;
import org.restorej.array.NhwcArray;
import org.restorej.engine.OfficialSizeHandling;
import org.restorej.engine.device.PlacedModel;
import org.restorej.export.CheckpointImporter;
import org.restorej.io.Npy;
import org.restorej.io.NpyArray;
import org.restorej.model.ModelLocator;
import org.restorej.runtime.Difference;
import org.restorej.runtime.LoadedModel;
import org.restorej.runtime.ModelVerifier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The main job on the bundled default: import the demo checkpoint, verify it, run the sample. */
@Command(name = "demo", mixinStandardHelpOptions = true,
	description = "Restore the bundled fluorescence sample with the bundled model (result, side-by-side PNG, " +
		"PSNR/SSIM before and after); import the bundled demo checkpoint and compare with the official PyTorch output.")
final class DemoCommand implements Callable<Integer> {

	private static final double MAX_ABS = 2e-5;

	@Option(names = "--out", paramLabel = "DIR", description = "Where the model folder and the output go " +
		"(default: demo/ beside restorej.jar, i.e. target/demo of the clone, wherever the command runs from).")
	Path out;

	@Mixin
	ExecutionOptionsMixin execution;

	@Override
	public Integer call() throws Exception {
		final Path demo = demoFolder();
		if (out == null) out = besideTheJar();
		System.out.println("Writing the demo's model and outputs to " + out.toAbsolutePath().normalize());
		final Path model = out.resolve("restormer-tiny-random");
		Files.createDirectories(out);
		CheckpointImporter.run(new CheckpointImporter.Request(demo.resolve("restormer-tiny-random.pth"), model,
			null, null, null, "restormer-tiny-random", true), System.out::println);
		try (PlacedModel placed = execution.load(model)) {
			final LoadedModel m = placed.model();
			final ModelVerifier.Report report = ModelVerifier.verify(m);
			System.out.println("verify: " + report.difference() + (report.passed() ? " OK" : " FAILED"));
			final NpyArray x = Npy.read(demo.resolve("sample_input.npy"));
			final NhwcArray y = OfficialSizeHandling.predict(m, NhwcArray.fromNchw(x.floats(), 1, x.dim(1), x.dim(2),
				x.dim(3)));
			final Path output = out.resolve("sample_output.npy");
			Npy.writeFloat32(output, y.nchwShape(), y.toNchw());
			final Difference d = Difference.between(y.toNchw(), Npy.read(demo.resolve(
				"sample_reference_output_f64.npy")).values());
			System.out.printf("predict: %dx%d sample (reflect-padded to a multiple of 8 and cropped back) -> %s%n",
				x.dim(2), x.dim(3), output);
			System.out.println("difference from the official PyTorch output (float64): " + d);
			final org.restorej.train.DemoRestoration.Result restored = org.restorej.train.DemoRestoration.runBundled(
				out, execution.options(), System.err::println);
			System.out.println(restored);
			final boolean ok = report.passed() && d.maxAbs() <= MAX_ABS && restored.after().psnr() > restored.before()
				.psnr();
			System.out.println(ok ? "Demo OK" : "Demo FAILED");
			return ok ? 0 : 1;
		}
	}

	/** demo/ in the folder of restorej.jar (target/, also when run from target/classes). */
	static Path besideTheJar() {
		try {
			return Paths.get(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent()
				.resolve("demo");
		}
		catch (final java.net.URISyntaxException | RuntimeException e) {
			return Paths.get("target", "demo");
		}
	}

	private static Path demoFolder() {
		for (final Path folder : ModelLocator.modelFolders())
			if (Files.isRegularFile(folder.resolve("demo/restormer-tiny-random.pth"))) return folder.resolve("demo");
		throw new RestoreJException("The demo data (models/demo/) was not found in " + ModelLocator
			.modelFolders() + ": run the demo from the RestoreJ folder, or set RESTOREJ_MODELS.");
	}

}
