package org.restorej.spark;

import java.io.IOException;
import java.nio.file.Path;

import org.restorej.bench.SmallConvNet;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;

/** A small random-weight model folder that declares percentile normalisation, as the bundled models do. */
final class TestModels {

	private TestModels() {}

	/** Grey, 3 layers of 3x3, sizes a multiple of 8; normalize=auto takes percentiles 1 and 99.8 of the image. */
	static Path percentileModel(final Path dir) throws IOException {
		new SmallConvNet(1, 1, 8, 3, 8).exportRandom(20261202L, "spark-test", new ModelDescription.Tiling(64, 16), dir);
		final ModelDescription d = ModelDescriptions.read(dir);
		ModelDescriptions.write(d.withNormalization(ModelDescription.Normalization.percentile(1, 99.8,
			ModelDescription.Normalization.IMAGE, false)), dir);
		return dir;
	}
}
