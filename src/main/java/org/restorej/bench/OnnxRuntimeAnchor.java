package org.restorej.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.restorej.nn.NetworkConfig;

import com.google.gson.JsonObject;

/**
 * ONNX Runtime Java (all graph optimisations) on an ONNX file exported from the official code. ONNX Runtime
 * is a benchmark-only dependency: {@code mvn package -Pbench-anchors} copies its jar to
 * {@code target/bench-lib}, and the anchor runs in a child JVM with only that jar on its class path, so it
 * never reaches RestoreJ's jar, its class path or Fiji's. The ONNX file is exported once per network and size into {@code cache} (outside
 * the repository) by {@code exporter}, a python whose PyTorch can export.
 */
public record OnnxRuntimeAnchor(Path benchLib, Path cache, OfficialCode exporter) {

	/** Why this anchor cannot run at all ({@code null} when it can try). */
	public String unavailable() {
		if (jars().isEmpty()) return "no onnxruntime jar in " + benchLib.toAbsolutePath() +
			" (mvn package -Pbench-anchors copies com.microsoft.onnxruntime:onnxruntime there; or give " +
			"--bench-lib DIR)";
		return exporter.unavailable();
	}

	public Timing time(final NetworkConfig network, final int size, final int runs, final int threads) {
		final String why = unavailable();
		if (why != null) return Timing.missing(why);
		final Path onnx = cache.resolve(network.architecture() + "-" + Integer.toHexString(network.officialArguments()
			.hashCode()) + "-" + size + ".onnx");
		if (!Files.isRegularFile(onnx)) {
			try {
				Files.createDirectories(cache);
			}
			catch (final IOException e) {
				return Timing.missing("cannot create the ONNX cache " + cache + ": " + e.getMessage());
			}
			final JsonObject exported = exporter.exportOnnx(network, size, onnx);
			if (exported.has("missing")) return Timing.missing("ONNX export failed: " + exported.get("missing")
				.getAsString());
		}
		final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		final String cp = jars().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
		return ChildRun.timing(ChildRun.run(List.of(java, "-cp", cp, "--source", "17", source().toString(), onnx
			.toString(), Integer.toString(network.inputChannels()), Integer.toString(size), Integer.toString(runs),
			Integer.toString(threads)), Map.of()));
	}

	private List<Path> jars() {
		if (!Files.isDirectory(benchLib)) return List.of();
		try (Stream<Path> s = Files.list(benchLib)) {
			return s.filter(p -> p.getFileName().toString().startsWith("onnxruntime")).sorted().toList();
		}
		catch (final IOException e) {
			return List.of();
		}
	}

	private static Path source() {
		try (InputStream in = OnnxRuntimeAnchor.class.getResourceAsStream("OnnxRuntimeForward.java")) {
			final Path f = Files.createTempFile("restorej-ort-forward", ".java");
			f.toFile().deleteOnExit();
			Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
			return f;
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
