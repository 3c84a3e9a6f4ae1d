package org.restorej.bioimageio.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.restorej.array.NhwcArray;
import org.restorej.bioimageio.NormalizationSteps;
import org.restorej.bioimageio.PackageModels;
import org.restorej.bioimageio.Rdf;
import org.restorej.engine.normalize.Affine;
import org.restorej.engine.normalize.ArrayNormalization;
import org.restorej.engine.normalize.Normalization;
import org.restorej.export.ModelExporter;
import org.restorej.export.TestImages;
import org.restorej.io.Npy;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;

/**
 * Writes a RestoreJ model folder as a bioimage.io model package (model description format 0.5): a zip
 * holding {@code rdf.yaml}, the documentation, a cover, test tensors in the layout the axes declare, the
 * SavedModel zipped with {@code saved_model.pb} at its top, and the sha256 of every file. The test tensors
 * are computed here (the network runs once) at a size the declared axes allow. The zip appears complete or
 * not at all.
 */
public final class PackageWriter {

	public static final String WEIGHTS = "tf_saved_model_bundle.zip";
	public static final String TEST_INPUT = "test_input.npy", TEST_OUTPUT = "test_output.npy";
	public static final String DOCUMENTATION = "README.md", COVER = "cover.png";
	public static final String WEIGHTS_LICENSE = "WEIGHTS_LICENSE.md";
	/** The TensorFlow that wrote RestoreJ's SavedModels (TensorFlow Java 1.1.0). */
	public static final String TENSORFLOW_VERSION = "2.18";
	/** A fixed time for every zip entry, so that the same model gives the same bytes. */
	private static final long ENTRY_TIME = 1_700_000_000_000L;

	private PackageWriter() {}

	/** What was written and what the format could not express. */
	public record Result(Path output, String name, List<String> notExpressed) {}

	public static Result write(final Path modelDir, final Path output, final boolean overwrite,
		final ExecutionOptions execution) throws IOException
	{
		final Path target = output.toAbsolutePath().normalize();
		if (Files.exists(target) && !overwrite) throw new FileAlreadyExistsException(target.toString(), null,
			"choose another -o or pass --overwrite");
		final ModelDescription d = ModelDescriptions.read(modelDir);
		final Path work = Files.createTempDirectory(target.getParent(), ".bioimageio-");
		try {
			final PackageAxes axes = PackageAxes.of(d);
			final NormalizationSteps.Steps steps = NormalizationSteps.of(d.normalization(), d.valueRange());
			final int side = axes.testSide();
			final NhwcArray rawIn = rawTestInput(d, TestImages.smooth(side, side, d.input().count(), 20261202L));
			final Affine[] forward = ArrayNormalization.forward(Normalization.declaredBy(d), rawIn, typeMax(d), d
				.valueRange());
			final NhwcArray netOut;
			try (LoadedModel m = LoadedModel.load(PackageModels.folder(modelDir), execution)) {
				netOut = m.run(ArrayNormalization.apply(forward, rawIn));
			}
			// as the engine: clamped to the value range if declared, then back unless the format cannot say how
			if (d.normalization().clipsOutput()) for (int i = 0; i < netOut.data().length; i++)
				netOut.data()[i] = (float) Math.max(d.valueRange().min(), Math.min(d.valueRange().max(), netOut.data()[i]));
			final NhwcArray rawOut = NormalizationSteps.mapsBack(steps.postprocessing()) ? ArrayNormalization.apply(
				inverse(forward, d.output().count()), netOut) : netOut;
			Npy.writeFloat32(work.resolve(TEST_INPUT), shape(rawIn), rawIn.data());
			Npy.writeFloat32(work.resolve(TEST_OUTPUT), shape(rawOut), rawOut.data());
			Cover.write(rawIn, rawOut, work.resolve(COVER));
			zipFolder(modelDir.resolve(d.savedModel().directory()), work.resolve(WEIGHTS));
			final List<String> attachments = new ArrayList<>();
			if (d.license() != null && !d.license().commercialUse()) {
				Files.writeString(work.resolve(WEIGHTS_LICENSE), Documentation.weightsLicense(d));
				attachments.add(WEIGHTS_LICENSE);
			}
			Files.writeString(work.resolve(DOCUMENTATION), Documentation.readme(d, axes, steps));
			final Map<String, Object> rdf = Description.of(d, axes, steps, work, attachments);
			Rdf.write(rdf, work.resolve(Rdf.FILE_NAME));
			final Path partial = target.resolveSibling(target.getFileName() + ".partial");
			final List<String> files = new ArrayList<>(List.of(Rdf.FILE_NAME, DOCUMENTATION, COVER, TEST_INPUT,
				TEST_OUTPUT, WEIGHTS));
			files.addAll(attachments);
			try {
				zipFiles(work, files, partial);
				Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			finally {
				Files.deleteIfExists(partial);
			}
			return new Result(target, String.valueOf(rdf.get("name")), steps.notExpressed());
		}
		finally {
			ModelExporter.deleteRecursively(work);
		}
	}

	/**
	 * Raw intensities whose network input is the smooth image: through the inverse of a fixed map, or the
	 * smooth image in the units of the training data for maps taken from the data.
	 */
	private static NhwcArray rawTestInput(final ModelDescription d, final NhwcArray smooth) {
		final Normalization n = Normalization.declaredBy(d);
		if (n instanceof Normalization.TypeRange || n instanceof Normalization.FixedRange || n instanceof
			Normalization.None) return ArrayNormalization.apply(inverse(ArrayNormalization.forward(n, smooth, typeMax(
				d), d.valueRange()), smooth.channels()), smooth);
		final double scale = typeMax(d) > 0 ? typeMax(d) : 1;
		final float[] v = smooth.data().clone();
		for (int i = 0; i < v.length; i++)
			v[i] = (float) (v[i] * scale);
		return new NhwcArray(1, smooth.height(), smooth.width(), smooth.channels(), v);
	}

	/** The raw type's maximum the package assumes (the training data's scale), or 0 for float data. */
	private static double typeMax(final ModelDescription d) {
		return d.valueRange() != null && d.valueRange().scale() > 1 ? d.valueRange().scale() : 0;
	}

	/** Output channel k goes back through input channel k's map (the engine's rule). */
	private static Affine[] inverse(final Affine[] forward, final int outputs) {
		final Affine[] back = new Affine[outputs];
		for (int k = 0; k < outputs; k++)
			back[k] = forward[Math.min(k, forward.length - 1)].inverse();
		return back;
	}

	/** byxc: batch 1, height, width, channels, as NHWC data are laid out. */
	private static long[] shape(final NhwcArray a) {
		return new long[] { a.batch(), a.height(), a.width(), a.channels() };
	}

	/** The folder's files, relative to it: {@code saved_model.pb} at the zip's top. */
	static void zipFolder(final Path folder, final Path zip) throws IOException {
		final List<String> names = new ArrayList<>();
		try (Stream<Path> s = Files.walk(folder)) {
			s.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString().replace('\\', '/')).sorted()
				.forEach(names::add);
		}
		zipFiles(folder, names, zip);
	}

	private static void zipFiles(final Path dir, final List<String> names, final Path zip) throws IOException {
		try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
			for (final String name : names) {
				final ZipEntry e = new ZipEntry(name);
				e.setTime(ENTRY_TIME);
				z.putNextEntry(e);
				Files.copy(dir.resolve(name), z);
				z.closeEntry();
			}
		}
	}

	static Map<String, Object> file(final Path dir, final String name) throws IOException {
		final Map<String, Object> f = new LinkedHashMap<>();
		f.put("source", name);
		f.put("sha256", ModelExporter.sha256(dir.resolve(name)));
		return f;
	}
}
