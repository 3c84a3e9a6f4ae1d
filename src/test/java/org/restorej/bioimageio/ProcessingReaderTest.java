package org.restorej.bioimageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescription.Normalization;

/** A package's steps as the engine's normalisation, and back for the declarations RestoreJ exports. */
class ProcessingReaderTest {

	private static final NormalizationSteps.AxisIds IDS = NormalizationSteps.AxisIds.DEFAULT;

	private static Map<String, Object> step(final String id, final Map<String, Object> kwargs) {
		return Map.of("id", id, "kwargs", kwargs);
	}

	private static ProcessingReader.Declared read(final List<Map<String, Object>> pre,
		final List<Map<String, Object>> post)
	{
		final List<String> unsupported = new ArrayList<>();
		final ProcessingReader.Declared d = ProcessingReader.read(pre, post, IDS, "input", unsupported);
		assertTrue(unsupported.isEmpty(), unsupported.toString());
		return d;
	}

	@Test
	void scaleRangeOverYAndXIsPerChannelPercentilesOfEachPlane() {
		final ProcessingReader.Declared d = read(List.of(step("scale_range", Map.of("axes", List.of("y", "x"),
			"min_percentile", 1, "max_percentile", 99.8))), List.of());
		assertEquals(Normalization.percentile(1, 99.8, Normalization.PLANE, true).withOutputAsIs(), d.normalization());
		assertEquals(0, d.range().min());
		assertEquals(1, d.range().max());
		// with the batch among the axes, the statistics span the whole stack
		assertEquals(Normalization.IMAGE, read(List.of(step("scale_range", Map.of("axes", List.of("batch", "channel", "y",
			"x"), "max_percentile", 99))), List.of()).normalization().scope());
	}

	@Test
	void zeroMeanUnitVarianceIsStandardizeAndAClipBecomesTheValueRange() {
		final ProcessingReader.Declared d = read(List.of(step("zero_mean_unit_variance", Map.of("axes", List.of(
			"channel", "y", "x")))), List.of(step("clip", Map.of("min", -3, "max", 3))));
		assertEquals(Normalization.standardize(Normalization.PLANE, false).withOutputAsIs().withClip(), d
			.normalization());
		assertEquals(-3, d.range().min());
		assertEquals(3, d.range().max());
	}

	@Test
	void aFixedMapWithItsInverseGoesBackAndItsClipIsInRawUnits() {
		// fixed mean 100, std 20 in, gain 20 offset 100 out, then clip raw values to [0, 200]
		final ProcessingReader.Declared d = read(List.of(step("fixed_zero_mean_unit_variance", Map.of("mean", 100, "std",
			20))), List.of(step("scale_linear", Map.of("gain", 20, "offset", 100)), step("clip", Map.of("min", 0, "max",
				200))));
		final Normalization n = d.normalization();
		assertTrue(n.invertsOutput() && n.clipsOutput());
		// raw 0 and 200 are the clip's bounds, at the network's -5 and 5
		assertEquals(Normalization.RANGE, n.method());
		assertEquals(0, n.min(), 1e-12);
		assertEquals(200, n.max(), 1e-12);
		assertEquals(-5, d.range().min(), 1e-12);
		assertEquals(5, d.range().max(), 1e-12);
	}

	@Test
	void whatRestoreJExportsReadsBackToTheSameMapping() {
		final ModelDescription.ValueRange range = new ModelDescription.ValueRange(0, 1, 65535, "");
		final NormalizationSteps.Steps s = NormalizationSteps.of(Normalization.typeRange(), range);
		final ProcessingReader.Declared d = read(s.preprocessing(), s.postprocessing());
		// 16-bit 0..65535 to [0, 1] and back: a fixed range with the same ends
		assertEquals(Normalization.fixedRange(0, 65535), d.normalization());
	}

	@Test
	void unsupportedStepsAreNamed() {
		final List<String> unsupported = new ArrayList<>();
		assertNull(ProcessingReader.read(List.of(step("scale_linear", Map.of("axis", "channel", "gain", List.of(1, 2)))),
			List.of(step("sigmoid", Map.of())), IDS, "input", unsupported));
		assertTrue(unsupported.toString().contains("postprocessing step sigmoid"), unsupported.toString());
		unsupported.clear();
		ProcessingReader.read(List.of(step("scale_linear", Map.of("axis", "channel", "gain", List.of(1, 2)))), List.of(),
			IDS, "input", unsupported);
		assertTrue(unsupported.toString().contains("different values per channel"), unsupported.toString());
	}
}
