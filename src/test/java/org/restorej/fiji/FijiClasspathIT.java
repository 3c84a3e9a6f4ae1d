package org.restorej.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ij.ImagePlus;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.imagej.TiffFiles;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.SmallModels;
import org.restorej.restore.StreamedTiffs;
import org.restorej.restore.TestImages;
import org.restorej.restore.local.LocalImageRestorer;
import org.restorej.tiff.read.TiffImageInfo;

/**
 * RestoreJ restores an image through its command in a JVM whose class path is Fiji's as far as
 * TensorFlow goes: TensorFlow 1.15 ({@code libtensorflow}, {@code proto}) and protobuf-java 4, beside
 * the packaged {@code plugins/RestoreJ_.jar}, ImageJ 1 and SciJava Common (and nothing else of
 * RestoreJ's: no ImgLib2, no Gson, no TensorFlow Java 1.1.0). The control shows the conflict is real:
 * RestoreJ's TensorFlow put on that class path instead of in its worker fails.
 */
class FijiClasspathIT {

	private static final String OPTIONS = "tile=32 halo=8";
	// or RestoreJ's loader reaching Fiji's TensorFlow 1.15 SavedModelBundle, whose native library is 1.15's
	private static final Pattern CLASS_CLASH = Pattern.compile("java\\.lang\\.(IncompatibleClassChangeError|" +
		"NoSuchMethodError|NoSuchFieldError|AbstractMethodError|VerifyError|LinkageError)" +
		"[^\\n]*org\\.tensorflow\\.|UnsatisfiedLinkError[^\\n]*TensorFlow native library(?s:.*)at org\\.tensorflow\\" +
		".SavedModelBundle\\.<clinit>");

	@TempDir
	static Path dir;

	static Path fiji, input;
	static List<Path> fijiClassPath;

	@BeforeAll
	static void layout() throws Exception {
		fiji = ForkedJvm.fijiLayout();
		final Path tf = Paths.get(System.getProperty("restorej.fiji.tensorflow", "target/fiji-tensorflow"));
		fijiClassPath = new ArrayList<>(List.of(fiji.resolve("plugins/RestoreJ_.jar"), ForkedJvm.jarOf("ij.ImagePlus"),
			ForkedJvm.jarOf("org.scijava.Context"), ForkedJvm.jarOf("org.scijava.parsington.ExpressionParser"), tf
				.resolve("libtensorflow-1.15.0.jar"), tf.resolve("proto-1.15.0.jar"), tf.resolve(
					"protobuf-java-4.32.0.jar"), ForkedJvm.jarOf(FijiLikeHeadless.class.getName())));
		for (final Path p : fijiClassPath)
			assertTrue(Files.exists(p), p.toString());
		input = dir.resolve("cells.tif");
		TiffFiles.save(TestImages.calibrated(TestImages.grey16("cells.tif", 57, 43, 31)), input, false);
	}

	@Test
	void theCommandRestoresAnImageBesideFijisTensorFlow() throws Exception {
		final Path output = dir.resolve("restored.tif");
		final ForkedJvm.Result r = ForkedJvm.run(List.of("-Djava.awt.headless=true"), fijiClassPath, FijiLikeHeadless.class
			.getName(), List.of("command", SmallModels.grey().toString(), input.toString(), output.toString(), OPTIONS),
			dir, 600);
		assertEquals(0, r.exitCode(), r.output());
		assertTrue(r.output().contains("org.tensorflow.TensorFlow from ") && r.output().contains(
			"libtensorflow-1.15.0.jar"), "Fiji's TensorFlow 1.15 is the one on the class path:\n" + r.output());
		assertTrue(r.output().contains("com.google.protobuf.RuntimeVersion from") && r.output().contains(
			"protobuf-java-4.32.0.jar"), "and protobuf 4:\n" + r.output());
		final ImagePlus restored = TiffFiles.open(output);
		try (LocalImageRestorer local = new LocalImageRestorer(SmallModels.grey())) {
			TestImages.assertClose(TestImages.samples(local.restore(TiffFiles.open(input), RestoreSettings.parse(
				OPTIONS), RunMonitor.SILENT)), TestImages.samples(restored), "restored amid Fiji's TensorFlow");
		}
		assertEquals(0.25, restored.getCalibration().pixelWidth);
	}

	/**
	 * A tiled BigTIFF through Restore Folder: the header is read in this Fiji-like JVM, which has no
	 * ImgLib2 and the wrong TensorFlow, and the worker streams the file.
	 */
	@Test
	void aBigTiffIsStreamedByTheWorkerBesideFijisTensorFlow() throws Exception {
		final Path in = Files.createDirectories(dir.resolve("big-in")), out = dir.resolve("big-out");
		StreamedTiffs.write(in.resolve("scene.tif"), 150, 110, ByteOrder.LITTLE_ENDIAN);
		final ForkedJvm.Result r = ForkedJvm.run(List.of("-Djava.awt.headless=true"), fijiClassPath, FijiLikeHeadless.class
			.getName(), List.of("folder", SmallModels.grey().toString(), in.toString(), out.toString(), OPTIONS), dir,
			600);
		assertEquals(0, r.exitCode(), r.output());
		assertTrue(r.output().contains("1 of 1"), r.output());
		final TiffImageInfo restored = TiffImageInfo.read(out.resolve("scene.tif"));
		assertTrue(restored.bigTiff() && restored.tiled(), "streamed by the worker");
	}

	@Test
	void controlRestoreJsTensorFlowOnFijisClassPathFails() throws Exception {
		final List<Path> mixed = new ArrayList<>(fijiClassPath);
		try (Stream<Path> s = Files.list(fiji.resolve("restorej"))) {
			// after Fiji's own jars, as if copied into Fiji.app/jars
			s.sorted().forEach(mixed::add);
		}
		final Path output = dir.resolve("never.tif");
		final ForkedJvm.Result r = ForkedJvm.run(List.of("-Djava.awt.headless=true"), mixed, FijiLikeHeadless.class
			.getName(), List.of("in-process", SmallModels.grey().toString(), input.toString(), output.toString(),
				OPTIONS), dir, 600);
		System.out.println("Control (TensorFlow Java 1.1.0 on Fiji's class path):\n" + r.output());
		assertNotEquals(0, r.exitCode(), r.output());
		// the class clash itself, not any failure: a linkage error between the two TensorFlows' classes
		// (seen: "IncompatibleClassChangeError: class org.tensorflow.types.family.TType can not implement
		// org.tensorflow.Tensor, because it is not an interface": 1.15's Tensor is a class, 1.1.0's an interface)
		assertTrue(CLASS_CLASH.matcher(r.output()).find(), "a linkage error naming TensorFlow's classes:\n" + r
			.output());
		assertFalse(Files.exists(output));
	}
}
