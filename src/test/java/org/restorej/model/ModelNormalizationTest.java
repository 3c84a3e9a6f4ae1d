package org.restorej.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.engine.normalize.Normalization;

/** model.json's {@code normalization}: written and read back, format 1 folders still read, bad ones refused. */
class ModelNormalizationTest {

	@TempDir
	Path dir;

	private static final Path BUNDLED = Path.of("models/restormer-fluorescence-denoising");

	@Test
	void aDeclaredPercentileNormalisationSurvivesWriteAndRead() throws IOException {
		final ModelDescription d = ModelDescriptions.read(BUNDLED).withNormalization(ModelDescription.Normalization
			.percentile(0.5, 99.9, ModelDescription.Normalization.PLANE, true));
		ModelDescriptions.write(d, dir);
		final ModelDescription back = ModelDescriptions.read(dir);
		assertEquals(ModelDescription.FORMAT, back.format());
		assertEquals(d.normalization(), back.normalization());
		assertEquals(99.9, back.normalization().high());
		assertTrue(back.normalization().perChannel());
	}

	@Test
	void aFormatOneFolderReadsAsThePixelTypesRange() throws IOException {
		final String json = Files.readString(BUNDLED.resolve(ModelDescription.FILE_NAME)).replace(
			ModelDescription.FORMAT, ModelDescription.FORMAT_1).replaceAll("(?s),\\s*\"normalization\"\\s*:\\s*\\{[^}]*\\}",
				"");
		Files.writeString(dir.resolve(ModelDescription.FILE_NAME), json);
		final ModelDescription d = ModelDescriptions.read(dir);
		assertEquals(ModelDescription.FORMAT_1, d.format());
		assertEquals(ModelDescription.Normalization.typeRange(), d.normalization());
	}

	@Test
	void anUnknownMethodIsRefusedNamingTheFile() throws IOException {
		final String json = Files.readString(BUNDLED.resolve(ModelDescription.FILE_NAME)).replaceFirst("\"method\": \"[a-z]+\"",
			"\"method\": \"zscore\"");
		Files.writeString(dir.resolve(ModelDescription.FILE_NAME), json);
		final InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelDescriptions.read(dir));
		assertTrue(e.getMessage().contains("zscore") && e.getMessage().contains(dir.toString()), e.getMessage());
	}

	@Test
	void theEngineAppliesWhatTheModelDeclares() {
		final ModelDescription d = ModelDescriptions.read(BUNDLED);
		assertEquals(Normalization.typeRange(), Normalization.declaredBy(d.withNormalization(ModelDescription
			.Normalization.typeRange())));
		assertEquals(new Normalization.Percentile(2, 99.5, Normalization.Scope.PLANE, true), Normalization.declaredBy(d
			.withNormalization(ModelDescription.Normalization.percentile(2.0, 99.5, ModelDescription.Normalization.PLANE,
				true))));
		assertEquals(Normalization.fixed(100, 4095), Normalization.declaredBy(d.withNormalization(
			ModelDescription.Normalization.fixedRange(100.0, 4095.0))));
		assertEquals(Normalization.none(), Normalization.declaredBy(d.withNormalization(ModelDescription.Normalization
			.none())));
	}
}
