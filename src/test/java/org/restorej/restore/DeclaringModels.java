package org.restorej.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.restorej.bench.RandomNetworks;
import org.restorej.bench.SmallConvNet;
import org.restorej.engine.OfficialSizeHandling;
import org.restorej.export.ModelCard;
import org.restorej.export.ModelExporter;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.nn.WeightSource;

/**
 * Copies of {@link SmallModels#grey()} that declare a normalisation in their model.json (or, as a format 1
 * folder, none), and a model whose output is off scale, for the tests of {@code normalize=auto} and of the
 * off-scale warning in each front end.
 */
public final class DeclaringModels {

	/** The percentiles {@link #percentile} declares. */
	public static final double LOW = 2, HIGH = 98;

	private DeclaringModels() {}

	/** The grey model declaring percentile {@link #LOW}..{@link #HIGH} over the image, channels together. */
	public static Path percentile(final Path dir) {
		final Path copy = copy(SmallModels.grey(), dir.resolve("grey-percentile"));
		try {
			ModelDescriptions.write(ModelDescriptions.read(copy).withNormalization(ModelDescription.Normalization
				.percentile(LOW, HIGH, ModelDescription.Normalization.IMAGE, false)), copy);
			return copy;
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * A grey model whose random residual is a thousand times too strong: its output lies far off scale on
	 * any image, as with weights fed a normalisation they were not trained with.
	 */
	public static Path offScale(final Path dir) {
		final Path to = dir.resolve("grey-off-scale");
		if (Files.exists(to)) return to;
		final SmallConvNet net = new SmallConvNet(1, 1, 8, 3, 8);
		final WeightSource random = RandomNetworks.randomWeights(net, 20260401L);
		// the last layer (conv2) a thousand times too strong
		final WeightSource strong = new WeightSource() {
			@Override
			public Set<String> keys() {
				return random.keys();
			}

			@Override
			public long[] shape(final String key) {
				return random.shape(key);
			}

			@Override
			public float[] read(final String key) {
				final float[] v = random.read(key);
				if (key.startsWith("conv2")) for (int i = 0; i < v.length; i++)
					v[i] *= 1000;
				return v;
			}
		};
		try {
			ModelExporter.export(net, strong, new ModelExporter.Origin("random, last layer x1000", null, null),
				new ModelCard("grey-off-scale", "test", List.of("grey"), List.of("grey"), new ModelDescription.ValueRange(
					0, 1, 65535, "test"), OfficialSizeHandling.REFLECT_PAD, new ModelDescription.Tiling(32, 8),
					new ModelDescription.License("none", "", true, "test weights")), to, false, null);
			return to;
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The grey model as a format 1 folder: model.json without {@code normalization}. */
	public static Path formatOne(final Path dir) {
		final Path copy = copy(SmallModels.grey(), dir.resolve("grey-format-1"));
		try {
			final Path json = copy.resolve(ModelDescription.FILE_NAME);
			Files.writeString(json, Files.readString(json).replace(ModelDescription.FORMAT, ModelDescription.FORMAT_1)
				.replaceAll("(?s),\\s*\"normalization\"\\s*:\\s*\\{[^}]*\\}", ""));
			return copy;
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Path copy(final Path from, final Path to) {
		if (Files.exists(to)) return to;
		try (Stream<Path> s = Files.walk(from)) {
			for (final Path p : s.toList()) {
				final Path target = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) Files.createDirectories(target);
				else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
			}
			return to;
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
