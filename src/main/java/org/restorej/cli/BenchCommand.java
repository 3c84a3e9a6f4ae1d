package org.restorej.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.restorej.RestoreJException;
import org.restorej.bench.ComparisonTable;
import org.restorej.bench.EndToEndBenchmark;
import org.restorej.bench.ForwardComparison;
import org.restorej.bench.LargeImageBenchmark;
import org.restorej.bench.NetworkBenchmark;
import org.restorej.bench.OfficialCode;
import org.restorej.bench.OnnxRuntimeAnchor;
import org.restorej.engine.device.ModelLoader;
import org.restorej.export.ModelExporter;
import org.restorej.export.Preset;
import org.restorej.restore.Models;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.train.DemoRestoration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Forward-pass timings of the full-size official networks with random weights. */
@Command(name = "bench", mixinStandardHelpOptions = true,
	description = "Time one forward pass of the full-size official Restormer and AST_B (random weights) on CPU " +
		"and report FLOPs and GFLOP/s.")
final class BenchCommand implements Callable<Integer> {

	@Option(names = "--arch", defaultValue = "all", paramLabel = "restormer|ast|all", description =
		"The official networks to time (default: ${DEFAULT-VALUE}).")
	String arch;

	@Option(names = "--size", defaultValue = "256", paramLabel = "N", description = "Square input side " +
		"(default: ${DEFAULT-VALUE}).")
	int size;

	@Option(names = "--runs", defaultValue = "5", paramLabel = "N", description = "Timed runs after one " +
		"warm-up; the median is reported (default: ${DEFAULT-VALUE}).")
	int runs;

	@Mixin
	ExecutionOptionsMixin execution;

	@Option(names = "--batch", defaultValue = "1", paramLabel = "N", description = "Images per forward pass (as " +
		"the engine's tiles when several run per network call); also prints seconds per image (default: " +
		"${DEFAULT-VALUE}).")
	int batch;

	@Option(names = "--profile", description = "Also trace one run and print the time per op type.")
	boolean profile;

	@Option(names = "--import", description = "Names the command that times the import of a full-size " +
		"checkpoint: that benchmark writes .pth files, which only the test sources can, so it runs from a build.")
	boolean importCheckpoint;

	@Option(names = "--streaming", description = "Instead of timing forward passes, restore an 8-bit image larger " +
		"than memory (SIDE x SIDE, default 48000: 2.3 Gpixels) from BigTIFF to BigTIFF with a small network and " +
		"report wall time, MB/s of file IO and peak heap. Needs about 2 x SIDE^2 bytes of disk in --work.")
	boolean streaming;

	@Option(names = "--end-to-end", description = "Instead of timing forward passes, restore generated 16-bit " +
		"tiled TIFFs of SIDE/2 and SIDE (default 4096) as `restore` does with default options, with the bundled " +
		"default model and the full-size Restormer (random weights), or --model; report MP/s, the time inside the " +
		"network calls, the ratio of wall time to it and the peak resident memory of each size.")
	boolean endToEnd;

	@Option(names = "--model", paramLabel = "MODEL", description = "With --end-to-end: only this model (a folder " +
		"or a bundled name).")
	String model;

	@Option(names = "--side", paramLabel = "SIDE", description = "With --streaming: the image side (default: " +
		"48000); with --end-to-end: the larger side (default: 4096).")
	Long side;

	@Option(names = "--tile", defaultValue = "512", paramLabel = "N", description = "With --streaming: the " +
		"engine's tile side (default: ${DEFAULT-VALUE}).")
	int tile;

	@Option(names = "--work", paramLabel = "DIR", description = "With --streaming: folder for the files " +
		"(default: a temporary folder, deleted afterwards).")
	Path work;

	@Option(names = "--compare", description = "Time RestoreJ and the anchors in one sitting (the official code " +
		"in PyTorch, ONNX Runtime on its ONNX export) and print times, ratios, the 4096x4096 matmul rate and the " +
		"FLOP floor it implies. A missing anchor is reported and the rest still runs.")
	boolean compare;

	@Option(names = "--anchors", paramLabel = "DIR", description = "With --compare: a folder holding the " +
		"official code, Restormer/ (github.com/swz30/Restormer) and AST/ (github.com/joshyZhou/AST).")
	Path anchors;

	@Option(names = "--python", defaultValue = "python3", paramLabel = "EXE", description = "With --compare: the " +
		"python whose PyTorch times the official code (default: ${DEFAULT-VALUE}).")
	String python;

	@Option(names = "--export-python", defaultValue = "/usr/bin/python3", paramLabel = "EXE", description = "With " +
		"--compare: the python whose PyTorch exports the official code to ONNX (default: ${DEFAULT-VALUE}).")
	String exportPython;

	@Option(names = "--bench-lib", paramLabel = "DIR", description = "With --compare: the folder with the " +
		"onnxruntime jar (default: bench-lib next to RestoreJ's jar, else target/bench-lib).")
	Path benchLib;

	@Option(names = "--onnx-cache", paramLabel = "DIR", description = "With --compare: where the ONNX exports are " +
		"kept (default: ~/.cache/restorej/bench-onnx).")
	Path onnxCache;

	/** The import benchmark writes checkpoints with the tests' .pth writer, so it is not in the jar. */
	static final String IMPORT_BENCHMARK_MOVED = "The import benchmark is not part of RestoreJ's jar: in a " +
		"checkout of the sources run `mvn -q package -DskipTests`, then `java -cp \"target/test-classes:target/classes:" +
		"target/lib/*\" org.restorej.bench.ImportBenchmark [restormer-deraining] [ast-spad-deraining]`.";

	@Override
	public Integer call() throws IOException {
		if (batch < 1) throw new RestoreJException("--batch must be 1 or more images per forward, not " + batch + ".");
		if (compare) return compare();
		if (endToEnd) return endToEnd();
		if (streaming) {
			final Path dir = work != null ? work : Files.createTempDirectory(
				"restorej-streaming-bench");
			final ConsoleProgress bar = ConsoleProgress.onStandardError();
			bar.image("streaming " + side + "x" + side);
			try {
				System.out.println(LargeImageBenchmark.run(dir, side != null ? side : 48000, tile, bar::progress));
			}
			finally {
				if (work == null) ModelExporter.deleteRecursively(dir);
			}
			return 0;
		}
		if (importCheckpoint) throw new RestoreJException(IMPORT_BENCHMARK_MOVED);
		final ModelLoader.Placement placed = ModelLoader.place(execution.options());
		placed.fallback().ifPresent(System.err::println);
		System.err.println("Benchmark runs on " + placed.device() + " (requested: " + execution.device + ")");
		// with --threads N one op runs at a time (ExecutionOptions.of), so the per-op figures do not overlap
		final ExecutionOptions timed = placed.options();
		if (arch.equals("all") || arch.equals("restormer")) System.out.println(NetworkBenchmark.run(
			"Restormer (deraining config)", Preset.RESTORMER_DERAINING.network(), batch, size, size, runs, timed,
			profile));
		if (arch.equals("all") || arch.equals("ast")) System.out.println(NetworkBenchmark.run(
			"AST_B (frfn, img_size 128)", Preset.AST_SPAD_DERAINING.network(), batch, size, size, runs, timed,
			profile));
		System.out.println("Times from other machines do not compare: use --compare for the anchors and the matrix " +
			"product rate measured in this run.");
		return 0;
	}

	private int endToEnd() throws IOException {
		final Path dir = Files.createTempDirectory("restorej-end-to-end-bench");
		final ConsoleProgress bar = ConsoleProgress.onStandardError();
		try {
			final Map<String, Path> models = new LinkedHashMap<>();
			if (model != null) models.put(model, Models.resolve(model));
			else {
				models.put(DemoRestoration.DEFAULT_MODEL, Models.resolve(DemoRestoration.DEFAULT_MODEL));
				models.put("full-size Restormer (random weights)", EndToEndBenchmark.fullSizeRestormer(dir.resolve(
					"restormer-full")));
			}
			for (final var m : models.entrySet()) {
				bar.image(m.getKey());
				for (final EndToEndBenchmark.Figures f : EndToEndBenchmark.run(m.getKey(), m.getValue(), dir.resolve(
					"work"), side != null ? side : 4096, execution.threads, bar::progress))
					System.out.println(f);
			}
		}
		finally {
			ModelExporter.deleteRecursively(dir);
		}
		return 0;
	}

	private int compare() {
		final List<String> networks = arch.equals("all") ? List.copyOf(ForwardComparison.NETWORKS.keySet()) : List
			.of(arch.equals("ast") ? "AST_B" : "Restormer");
		final OnnxRuntimeAnchor onnx = new OnnxRuntimeAnchor(benchLib != null ? benchLib : defaultBenchLib(),
			onnxCache != null ? onnxCache : Path.of(System.getProperty("user.home"), ".cache", "restorej",
				"bench-onnx"), new OfficialCode(exportPython, anchors));
		final ComparisonTable table = ForwardComparison.run(networks, size, runs, execution.options(),
			new OfficialCode(python, anchors), onnx, line -> System.err.println("bench --compare: " + line));
		System.out.print(table.format());
		return 0;
	}

	/** bench-lib beside the jar RestoreJ runs from (target/restorej.jar), else target/bench-lib. */
	private static Path defaultBenchLib() {
		try {
			final Path jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			final Path beside = jar.getParent().resolve("bench-lib");
			if (Files.isDirectory(beside)) return beside;
		}
		catch (final Exception e) {
			// no code source (unusual class loaders): fall back to the build folder
		}
		return Path.of("target", "bench-lib");
	}
}
